namespace Dashboard.Runtime.Definitions;

/// <summary>Tells the runtime's caches (routes, schemas, schedules) that definitions changed.</summary>
public sealed class DefinitionChangeNotifier
{
    private long _version;

    public event Action? Changed;

    /// <summary>Increases on every change; caches compare it to know they are stale.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void NotifyChanged()
    {
        Interlocked.Increment(ref _version);
        Changed?.Invoke();
    }
}
