using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Testing;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 on a free port, with its own data folder (a real SQLite file) that is
/// deleted on dispose. Runs in Development so package assets come from the build's static web assets manifest.
/// </summary>
public sealed partial class DashboardHost : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "correct-horse-battery";

    private DashboardHost(WebApplication app, string dataPath, LogCapture logs)
    {
        App = app;
        DataPath = dataPath;
        Logs = logs;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? app.Urls;
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
    }

    /// <summary>How long a host may take to start (generous: two cores shared by several test processes).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    public WebApplication App { get; }
    public IServiceProvider Services => App.Services;
    public string DataPath { get; }
    public string DatabasePath => Path.Combine(DataPath, "dashboard.db");
    public Uri BaseAddress { get; }
    public LogCapture Logs { get; }

    [GeneratedRegex(@"setup code (?<code>[0-9A-F]{8})")]
    private static partial Regex SetupCodePattern();

    /// <summary>Starts a fresh instance. <paramref name="settings"/> are extra configuration keys, e.g. "Setup:AdminUser".</summary>
    public static async Task<DashboardHost> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null, string? existingDataPath = null)
    {
        var dataPath = existingDataPath ?? Path.Combine(Path.GetTempPath(), "dashboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataPath);
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            $"--Storage:DataPath={dataPath}",
            "--environment", "Development",
            "--applicationName", "Dashboard.Web",
            // Every host of this test process shares one thread pool, so one test's load would make another's host shed;
            // shedding on the pool's backlog has its own test, which turns it back on.
            "--Ingestion:MaxThreadPoolDelayMilliseconds=0",
            // Likewise a commit slowed by the other test processes' disk and CPU load is not overload: the store-wait check
            // has its own tests (StoreWaitSheddingTests), which turn it back on.
            "--Ingestion:Store:MaxQueueWaitMilliseconds=0",
        };
        args.AddRange((settings ?? new Dictionary<string, string>()).Select(s => $"--{s.Key}={s.Value}"));
        var logs = new LogCapture();
        try
        {
            var app = await DashboardApplication.BuildAsync([.. args], builder =>
            {
                builder.Logging.AddProvider(logs);
                services?.Invoke(builder.Services);
            });
            // Off the caller's thread and bounded: a start that blocks (a dependency cycle among singletons resolves
            // forever, moving to a fresh thread each time its stack runs deep) fails the test instead of hanging the run.
            using var starting = new CancellationTokenSource(StartTimeout);
            try
            {
                await Task.Run(() => app.StartAsync(starting.Token), starting.Token).WaitAsync(StartTimeout);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"The host did not start within {StartTimeout.TotalSeconds:0} s.{Environment.NewLine}{string.Join(Environment.NewLine, logs.Lines.TakeLast(20))}", ex);
            }

            return new DashboardHost(app, dataPath, logs);
        }
        catch
        {
            TryDelete(dataPath);
            throw;
        }
    }

    /// <summary>A fresh instance with the Admin seeded from configuration (no setup step).</summary>
    public static Task<DashboardHost> StartWithAdminAsync(string? apiToken = null)
    {
        var settings = new Dictionary<string, string> { ["Setup:AdminUser"] = AdminUser, ["Setup:AdminPassword"] = AdminPassword };
        if (apiToken is not null)
        {
            settings["Setup:AdminApiToken"] = apiToken;
        }

        return StartAsync(settings);
    }

    /// <summary>The one-time setup code the host printed to its log, or null if it printed none.</summary>
    public string? SetupCode() =>
        Logs.Lines.Select(line => SetupCodePattern().Match(line)).FirstOrDefault(m => m.Success)?.Groups["code"].Value;

    /// <summary>A client like a browser without JavaScript: keeps cookies, does not follow redirects.</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public HttpClient CreateBearerClient(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Posts the sign-in form; a successful sign-in answers 302 and sets the auth cookie on <paramref name="client"/>.</summary>
    public static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string userName, string password) =>
        HtmlForm.SubmitAsync(client, "/account/login", new Dictionary<string, string> { ["userName"] = userName, ["password"] = password });

    /// <summary>A client signed in with the cookie; fails the test if sign-in does not redirect.</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string userName = AdminUser, string password = AdminPassword)
    {
        var client = CreateClient();
        using var response = await PostSignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as {userName} answered {(int)response.StatusCode}, expected 302.");
        }

        return client;
    }

    /// <summary>Stops the instance but keeps its data folder, for a restart with <see cref="StartAsync"/>'s existingDataPath.</summary>
    public async Task StopKeepingDataAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TryDelete(DataPath);
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
