using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dashboard.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// With <c>Eventing:Nats:StartLocalServer</c>, runs <c>nats-server</c> on 127.0.0.1 with JetStream stored under the
/// data folder for the app's lifetime. A missing executable fails startup with the key to change and the install command.
/// </summary>
public sealed partial class LocalNatsServer(
    IOptions<EventingOptions> options, IOptions<StorageOptions> storage, ILogger<LocalNatsServer> logger) : IHostedService, IDisposable
{
    private Process? _process;

    public bool IsRunning => _process is { HasExited: false };

    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>Completes once the server accepts connections (registered only with Eventing:Nats:StartLocalServer).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var nats = options.Value.Nats;
        var executable = Resolve(nats.ServerExecutable) ?? throw new InvalidOperationException(
            $"Eventing:Nats:StartLocalServer is true but Eventing:Nats:ServerExecutable '{nats.ServerExecutable}' was not found. "
            + "Install it with `apt-get install nats-server`, set Eventing:Nats:ServerExecutable to its full path, "
            + "or set Eventing:Nats:StartLocalServer to false.");
        var storeDir = Path.Combine(Path.GetFullPath(storage.Value.DataPath), "nats");
        Directory.CreateDirectory(storeDir);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-a", "127.0.0.1", "-p", nats.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "-js", "-sd", storeDir })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"'{executable}' did not start.");
        _process.OutputDataReceived += (_, e) => LogServerLine(e.Data);
        _process.ErrorDataReceived += (_, e) => LogServerLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        LogStarted(logger, executable, nats.LocalPort, storeDir, _process.Id);
        await WaitForPortAsync(nats.LocalPort, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }

            LogStopped(logger, process.Id);
        }
    }

    public void Dispose()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is not null && !process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process?.Dispose();
    }

    /// <summary>The executable as given when it is a path, else the first match on PATH (plus /usr/sbin, where Debian installs it).</summary>
    public static string? Resolve(string executable)
    {
        if (executable.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(executable) ? Path.GetFullPath(executable) : null;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return directories.Append("/usr/sbin").Append("/usr/local/sbin")
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(File.Exists);
    }

    private async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException(
                    $"nats-server exited at startup with code {_process?.ExitCode}; is port {port} (Eventing:Nats:LocalPort) already in use?");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void LogServerLine(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            LogServerOutput(logger, line);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Executable} on 127.0.0.1:{Port} with JetStream in {StoreDir} (pid {Pid})")]
    private static partial void LogStarted(ILogger logger, string executable, int port, string storeDir, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped the local nats-server (pid {Pid})")]
    private static partial void LogStopped(ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "nats-server: {Line}")]
    private static partial void LogServerOutput(ILogger logger, string line);
}
