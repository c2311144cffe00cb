namespace RecoveryCoach.Tests;

/// <summary>
/// The one way tests wait for something that happens in the background: read it again and again
/// until it is as expected, or fail after a generous time saying what was awaited and what was
/// last seen. Every wait is for something a caller can observe, never for a length of time.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);

    /// <returns>The first value read that satisfies <paramref name="done"/>.</returns>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string because, TimeSpan? within = null, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultWithin);
        var pause = every ?? TimeSpan.FromMilliseconds(50);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {within ?? DefaultWithin} for {because}; last saw {Describe(value)}.");
            }

            await Task.Delay(pause);
        }
    }

    private static string? Describe<T>(T value) => value switch
    {
        System.Text.Json.Nodes.JsonNode node => node.ToJsonString(),
        System.Collections.IEnumerable items and not string => $"[{string.Join(", ", items.Cast<object?>().Select(i => i is System.Text.Json.Nodes.JsonNode n ? n.ToJsonString() : i?.ToString()))}]",
        _ => value?.ToString(),
    };
}
