using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Quayside.ShipmentEvents.Model;

namespace Quayside.ShipmentEvents.Services;

public interface ITrackingPublisher
{
    Task PublishAsync(TrackingUpdate update, string correlationId, CancellationToken ct);
}

/// <summary>
/// Publishes customer-facing tracking updates to the tracking-updates topic.
/// </summary>
public sealed class TrackingPublisher : ITrackingPublisher
{
    private readonly ServiceBusSender _sender;
    private readonly ILogger<TrackingPublisher> _log;

    public TrackingPublisher(ServiceBusSender sender, ILogger<TrackingPublisher> log)
    {
        _sender = sender;
        _log = log;
    }

    public async Task PublishAsync(TrackingUpdate update, string correlationId, CancellationToken ct)
    {
        var message = new ServiceBusMessage(BinaryData.FromObjectAsJson(update))
        {
            MessageId = $"{update.ShipmentId}:{update.Sequence}",
            CorrelationId = correlationId,
            Subject = update.Status,
            ContentType = "application/json",
        };
        message.ApplicationProperties["carrier"] = update.Carrier;
        message.ApplicationProperties["correlationId"] = correlationId;

        await _sender.SendMessageAsync(message, ct);
        _log.LogInformation("Published tracking update {ShipmentId} seq {Sequence} status {Status}",
            update.ShipmentId, update.Sequence, update.Status);
    }
}
