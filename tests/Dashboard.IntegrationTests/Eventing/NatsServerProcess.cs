using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>Starting, awaiting and killing one <c>nats-server</c> process; shared by the single-server and cluster fixtures.</summary>
internal static class NatsServerProcess
{
    /// <summary>Starts the server with <paramref name="args"/>; its output is drained so it never blocks on a full pipe.</summary>
    public static Process Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(NatsTestServer.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("nats-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the client port accepts connections; fails when the process exits or the time is up.</summary>
    public static async Task WaitListeningAsync(Process process, int port, string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nats-server {name} exited early with code {process.ExitCode}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25);
            }
        }
    }

    /// <summary>Kills the process (if any) and waits for it to exit.</summary>
    public static async Task StopAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
