namespace Dashboard.Runtime.Streaming;

/// <summary>Publishes to the live feed. Cheap and non-blocking: a slow subscriber never slows the caller.</summary>
public interface ILiveFeed
{
    void Publish(LiveItem item);
}
