using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>The app's own executable started as a child process, so a test can kill it like a crash would (SIGKILL).</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static string ExecutablePath
    {
        get
        {
            var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            // The app builds into the same framework folder as this test assembly (bin/<configuration>/<tfm>/).
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
            var path = Path.Combine(RepositoryRoot.Path, "src", "Dashboard.Web", "bin", configuration, framework, "Dashboard.Web");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Dashboard.Web first.", path);
        }
    }

    public static async Task<AppProcess> StartAsync(string dataPath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__DataPath"] = dataPath;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // These apps share two cores with the whole test run: a busy moment there is not the overload the thread-pool
        // delay check sheds (LoadSheddingTests covers that check), nor is a commit slowed by their disk load the overload
        // the store-wait check sheds (StoreWaitSheddingTests).
        start.Environment["Ingestion__MaxThreadPoolDelayMilliseconds"] = "0";
        start.Environment["Ingestion__Store__MaxQueueWaitMilliseconds"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await app.WaitHealthyAsync();
        return app;
    }

    private async Task WaitHealthyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} while starting.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "/healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The app did not become healthy within 60 s.");
    }

    /// <summary>SIGKILL: no shutdown hooks run, exactly like a crash or power loss of the process.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
