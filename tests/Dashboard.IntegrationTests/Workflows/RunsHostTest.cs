using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>Each test on a fresh host from <see cref="RunsApi.StartHostAsync"/> with its API client, both disposed after it.</summary>
public abstract class RunsHostTest : IAsyncLifetime
{
    protected DashboardHost Host { get; private set; } = null!;

    protected RunsApi Api { get; private set; } = null!;

    public async Task InitializeAsync() => (Host, Api) = await RunsApi.StartHostAsync();

    public async Task DisposeAsync()
    {
        Api.Client.Dispose();
        await Host.DisposeAsync();
    }
}
