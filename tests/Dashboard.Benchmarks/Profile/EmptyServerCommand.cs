using Dashboard.Benchmarks.Load;

namespace Dashboard.Benchmarks.Profile;

/// <summary>
/// <c>empty-server --url http://127.0.0.1:PORT</c>: hosts the empty-POST baseline endpoint in a process of its own until
/// stopped, so a profiler or <c>perf stat -p</c> sees Kestrel's cost per request without the load generator's.
/// </summary>
public static class EmptyServerCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var url = args is ["--url", var value] ? value : "http://127.0.0.1:5090";
        await using var app = EmptyPostServer.Build(url);
        await app.StartAsync(cancellationToken);
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stopped.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
