using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>Eventing without a transport module: every run is claimed in process from the store.</summary>
public sealed class EmbeddedEventingView : IEventingView
{
    public Task<EventingStatus> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(EventingStatus.Embedded);

    /// <summary>Embedded eventing never changes state.</summary>
    public IDisposable Subscribe(Action changed) => NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}

/// <summary>No scale-out module: this instance serves no workers.</summary>
public sealed class NoScaleOutView : IScaleOutView
{
    public bool Enabled => false;

    public IReadOnlyList<WorkerStatus> Workers => [];
}
