using System.Net;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Security;

/// <summary>Interactive pages need the circuit hub; a signed-in browser must be able to negotiate it.</summary>
public sealed class CircuitEndpointTests
{
    [Fact]
    public async Task PostNegotiate_SignedIn_OpensCircuitConnection()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = await host.CreateSignedInClientAsync();

        using var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostNegotiate_Anonymous_IsRedirectedToSignIn()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = host.CreateClient();

        using var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
