using System.Diagnostics;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>Eventing:Nats:StartLocalServer and the startup validation of the Eventing section.</summary>
public sealed class LocalServerTests
{
    [Fact]
    public async Task StartLocalServer_True_StartsServerUnderDataFolderAndStopsItOnShutdown()
    {
        _ = NatsServerProcess.Executable;
        var port = NatsServerProcess.FreePort();
        int pid;
        string dataPath;
        await using (var host = await StartHostAsync(new Dictionary<string, string>
        {
            ["Eventing:Mode"] = "Nats",
            ["Eventing:Nats:StartLocalServer"] = "true",
            ["Eventing:Nats:LocalPort"] = port.ToString(),
        }))
        {
            var local = host.Services.GetRequiredService<LocalNatsServer>();
            Assert.True(local.IsRunning);
            pid = local.ProcessId!.Value;
            dataPath = host.DataPath;
            await UntilDispatchAsync(host, DispatchMode.Nats);
            var status = await StatusAsync(host);
            Assert.True(status.LocalServerRunning);
            Assert.Equal($"nats://127.0.0.1:{port}", status.Url);
            Assert.True(Directory.Exists(Path.Combine(dataPath, "nats", "jetstream")));
        }

        Assert.True(ProcessGone(pid), $"nats-server pid {pid} still runs after shutdown");
    }

    [Fact]
    public async Task StartLocalServer_MissingExecutable_FailsStartupNamingKeyAndInstallCommand()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartHostAsync(new Dictionary<string, string>
        {
            ["Eventing:Mode"] = "Nats",
            ["Eventing:Nats:StartLocalServer"] = "true",
            ["Eventing:Nats:ServerExecutable"] = "nats-server-not-installed-here",
        }));

        Assert.Contains("Eventing:Nats:ServerExecutable", error.Message, StringComparison.Ordinal);
        Assert.Contains("nats-server-not-installed-here", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install nats-server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_BadEventingKeys_FailsNamingEachKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartHostAsync(new Dictionary<string, string>
        {
            ["Eventing:Mode"] = "Kafka",
            ["Eventing:Nats:Url"] = "http://example.com",
            ["Eventing:Nats:LocalPort"] = "0",
            ["Eventing:Nats:StreamName"] = "has.dots",
        }));

        Assert.Contains("Eventing:Mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("Eventing:Nats:Url", error.Message, StringComparison.Ordinal);
        Assert.Contains("Eventing:Nats:LocalPort", error.Message, StringComparison.Ordinal);
        Assert.Contains("Eventing:Nats:StreamName", error.Message, StringComparison.Ordinal);
    }

    private static bool ProcessGone(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
