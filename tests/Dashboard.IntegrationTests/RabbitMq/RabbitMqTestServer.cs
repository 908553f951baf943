using System.Diagnostics;
using System.Net.Sockets;
using Dashboard.IntegrationTests.Eventing;

namespace Dashboard.IntegrationTests.RabbitMq;

/// <summary>
/// A real <c>rabbitmq-server</c> node for one test class: free loopback ports, a unique node name and its own folders
/// (owned by the <c>rabbitmq</c> user, which the start script switches to when run as root), no plugins. Can be stopped
/// and started again on the same port and folders, keeping durable queues and persistent messages.
/// </summary>
internal sealed class RabbitMqTestServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _folder;
    private readonly string _node;
    private readonly int _distPort;
    private Process? _process;

    private RabbitMqTestServer(string folder, string node, int port, int distPort)
    {
        _folder = folder;
        _node = node;
        Port = port;
        _distPort = distPort;
    }

    public int Port { get; }
    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static async Task<RabbitMqTestServer> StartNewAsync()
    {
        if (!File.Exists("/usr/sbin/rabbitmq-server") && !File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
        {
            throw new InvalidOperationException("rabbitmq-server is not installed. Run: apt-get update && apt-get install -y rabbitmq-server");
        }

        var id = Guid.NewGuid().ToString("N")[..12];
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-rabbitmq", id);
        Directory.CreateDirectory(Path.Combine(folder, "mnesia"));
        Directory.CreateDirectory(Path.Combine(folder, "log"));
        await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].");
        await RunAsync("chown", "-R", "rabbitmq:rabbitmq", folder);
        var server = new RabbitMqTestServer(folder, $"test{id}@localhost", NatsServerProcess.FreePort(), NatsServerProcess.FreePort());
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("rabbitmq-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        info.Environment["RABBITMQ_DIST_PORT"] = _distPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_NODENAME"] = _node;
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log");
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins");
        info.Environment["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(_folder, "feature_flags");
        _process = Process.Start(info) ?? throw new InvalidOperationException("rabbitmq-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AcceptsAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = Directory.EnumerateFiles(Path.Combine(_folder, "log")).Select(File.ReadAllText).LastOrDefault() ?? "";
                throw new InvalidOperationException($"rabbitmq-server did not answer on port {Port}: {log[^Math.Min(log.Length, 2000)..]}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Stops the node (rabbitmqctl stop; the process tree is killed if that fails) and waits until the port is closed.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        var stopped = await RunAsync("rabbitmqctl", "-n", _node, "stop") == 0;
        if (!stopped || !_process.WaitForExit(30_000))
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await AcceptsAsync() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task<bool> AcceptsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<int> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, error);
        return process.ExitCode;
    }
}
