namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// What connected live clients cost the app: its CPU under the same load without and with the clients, the difference
/// per client (µs of CPU per wall second) and per delivered message (µs). NaN where the app's CPU was not measured.
/// </summary>
public sealed record ClientCost(double AlonePercentOfCore, double WatchedPercentOfCore, double PerClientMicrosecondsPerSecond, double PerMessageMicroseconds)
{
    public static ClientCost Of(AppCpuSample? alone, AppCpuSample? watched, int clients, long delivered)
    {
        if (alone is null || watched is null)
        {
            return new(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var extraPerSecond = watched.MicrosecondsPerSecond - alone.MicrosecondsPerSecond;
        var extraMicroseconds = extraPerSecond * watched.WallSeconds;
        return new(
            alone.MicrosecondsPerSecond / 1e4,
            watched.MicrosecondsPerSecond / 1e4,
            extraPerSecond / Math.Max(1, clients),
            delivered > 0 ? extraMicroseconds / delivered : double.NaN);
    }
}
