using System.Text.Json;
using Azure.Storage.Queues.Models;
using RecoveryCoach.Durable.History;

namespace RecoveryCoach.Durable.Storage;

/// <summary>A message for an instance: the event it carries, with an id that makes redelivery harmless.</summary>
internal sealed record InstanceMessage(string InstanceId, HistoryEvent Event);

/// <summary>A message fetched from a control queue, with what is needed to delete or release it.</summary>
internal sealed record ReceivedMessage(int Partition, InstanceMessage Message, string QueueMessageId, string PopReceipt, long DequeueCount, string RawText);

/// <summary>
/// The control queues: one per partition, an instance's messages always in the same one.
/// Messages are delivered at least once; the history's message ids make a second delivery a no-op.
/// </summary>
internal sealed class ControlQueues(TaskHubStorage storage, LargePayloads payloads)
{
    public async Task SendAsync(InstanceMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = JsonSerializer.Serialize(message, DataConverter.Options);
        if (text.Length > LargePayloads.MaxInlineQueueChars)
        {
            var blob = await payloads.UploadAsync($"{message.InstanceId}/messages/{message.Event.MessageId}", text, cancellationToken).ConfigureAwait(false);
            text = JsonSerializer.Serialize(new BlobReference(blob), DataConverter.Options);
        }

        await storage.ControlQueues[storage.PartitionOf(message.InstanceId)].SendMessageAsync(text, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int partition, int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        QueueMessage[] messages = await storage.ControlQueues[partition].ReceiveMessagesAsync(max, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        var received = new List<ReceivedMessage>(messages.Length);
        foreach (var message in messages)
        {
            var text = message.MessageText;
            if (text.Contains("\"blob\"", StringComparison.Ordinal) && JsonSerializer.Deserialize<BlobReference>(text, DataConverter.Options) is { Blob: { } blob })
            {
                text = await payloads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false);
            }

            InstanceMessage? parsed = null;
            try
            {
                parsed = JsonSerializer.Deserialize<InstanceMessage>(text, DataConverter.Options);
            }
            catch (JsonException)
            {
                // Unreadable: handed on with no event, and the worker sends it to the poison queue.
            }

            received.Add(new ReceivedMessage(partition, parsed ?? new InstanceMessage(string.Empty, new OrchestratorStarted()), message.MessageId, message.PopReceipt, message.DequeueCount, message.MessageText));
        }

        return received;
    }

    public Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return storage.ControlQueues[message.Partition].DeleteMessageAsync(message.QueueMessageId, message.PopReceipt, cancellationToken);
    }

    /// <summary>Lets a message be fetched again after <paramref name="delay"/>.</summary>
    public Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return storage.ControlQueues[message.Partition].UpdateMessageAsync(message.QueueMessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    /// <summary>Moves a message that keeps failing to the poison queue, where it stays for people to look at.</summary>
    public async Task MoveToPoisonAsync(ReceivedMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var poisoned = JsonSerializer.Serialize(new { reason, message.DequeueCount, partition = message.Partition, message = message.RawText }, DataConverter.Options);
        await storage.PoisonQueue.SendMessageAsync(poisoned, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private sealed record BlobReference(string? Blob);
}
