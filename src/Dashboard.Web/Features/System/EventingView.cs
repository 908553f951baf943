using System.Globalization;
using Dashboard.Runtime.Contracts;
using MudBlazor;

namespace Dashboard.Web.Features.SystemStatus;

/// <summary>Text and styles of the Eventing card, kept out of the markup so they can be tested without a renderer.</summary>
public static class EventingView
{
    public static string DispatchText(DispatchMode mode) => mode switch
    {
        DispatchMode.Embedded => "Embedded",
        DispatchMode.Starting => "NATS: connecting",
        DispatchMode.Nats => "NATS JetStream",
        DispatchMode.Fallback => "Fallback: embedded",
        _ => mode.ToString(),
    };

    public static Color DispatchColor(DispatchMode mode) => mode switch
    {
        DispatchMode.Nats => Color.Success,
        DispatchMode.Fallback => Color.Warning,
        DispatchMode.Starting => Color.Info,
        _ => Color.Default,
    };

    public static string Summary(EventingStatus status)
    {
        var since = status.DispatchSince is { } at ? $" since {at.UtcDateTime:u}" : "";
        var sources = status.NatsSources > 0 ? $" {status.NatsSources} NATS source subject(s) subscribed." : "";
        return status.Dispatch switch
        {
            DispatchMode.Embedded when status.ConnectionWanted => $"Mode Embedded: runs are dispatched in process; NATS is used for event sources only.{sources}",
            DispatchMode.Embedded => "Mode Embedded: runs are dispatched in process from the SQLite store. Set Eventing:Mode=Nats to queue them on JetStream.",
            DispatchMode.Starting => "Mode Nats: connecting; runs are dispatched in process until the stream is ready.",
            DispatchMode.Nats => $"Mode Nats: accepted events are queued on JetStream{since}.{sources}",
            DispatchMode.Fallback => $"Mode Nats, NATS unreachable{since}: runs are dispatched in process until it is back.{sources}",
            _ => status.Mode,
        };
    }

    public static string ServerText(ServerSummary? server) =>
        server is null ? "—" : $"{server.Name} {server.Version}";

    public static string ServerDetail(EventingStatus status) =>
        status.Server is not { } server
            ? (status.LocalServerRunning ? "Local server started by this app" : "")
            : $"JetStream {(server.JetStream ? "enabled" : "disabled")}; max payload {Size((ulong)server.MaxPayload)}"
              + (status.LocalServerRunning ? "; local server started by this app" : "");

    public static string ConsumerDetail(ConsumerStatus consumer) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Ack pending {consumer.NumAckPending:N0} of {consumer.MaxAckPending:N0} ({consumer.AckPendingRatio:P0}); redelivered {consumer.NumRedelivered:N0}; waiting pulls {consumer.NumWaiting}");

    public static string AckPendingWarning(ConsumerStatus consumer) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{consumer.NumAckPending:N0} messages await acknowledgement, {consumer.AckPendingRatio:P0} of max_ack_pending ({consumer.MaxAckPending:N0}). At 100% the server stops delivering without an error: add workers or raise Eventing:Nats:MaxAckPending.");

    public static string Size(ulong bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
