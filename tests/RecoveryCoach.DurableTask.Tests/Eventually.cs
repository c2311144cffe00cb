namespace RecoveryCoach.DurableTask.Tests;

/// <summary>The one way these tests wait for something that has no wait of its own: read it until it is so, or give up.</summary>
internal static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> isDone, string what, TimeSpan? patience = null)
    {
        var giveUpAfter = patience ?? DurableTestHost.Patience;
        using var timeout = new CancellationTokenSource(giveUpAfter);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var value = await read();
            if (isDone(value))
            {
                return value;
            }

            try
            {
                await poll.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Gave up after {giveUpAfter} waiting for {what}.");
            }
        }
    }
}
