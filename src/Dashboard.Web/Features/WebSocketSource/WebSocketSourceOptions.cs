using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Features.WebSocketSource;

/// <summary>Section <c>Ingestion:WebSocket</c>. A frame's size limit is <c>Ingestion:MaxBodyBytes</c>, as for a request body.</summary>
public sealed class WebSocketSourceOptions
{
    public const string SectionName = "Ingestion:WebSocket";

    /// <summary>
    /// Frames of one connection being stored at once. When that many wait for the store, the server stops reading
    /// the socket until the oldest is answered, so a fast client is slowed by TCP instead of filling memory.
    /// </summary>
    [Range(1, 1_024)]
    public int MaxFramesInFlight { get; set; } = 16;

    /// <summary>Seconds between the server's keep-alive pings; 0 sends none.</summary>
    [Range(0, 3_600)]
    public int KeepAliveSeconds { get; set; } = 30;
}
