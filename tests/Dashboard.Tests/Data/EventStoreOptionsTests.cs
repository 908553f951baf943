using Dashboard.Data.Events;
using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Data;

/// <summary>The <c>Ingestion:Store</c> section as the app registers it: bound, validated, each bad key named.</summary>
public sealed class EventStoreOptionsTests
{
    [Fact]
    public void Bind_NoKeys_MaxQueueWaitDefaultsToTensOfMilliseconds()
    {
        var options = Resolve([]);

        Assert.Equal(50, options.MaxQueueWaitMilliseconds);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("60000")]
    public void Bind_MaxQueueWaitInRange_Accepted(string value)
    {
        var options = Resolve(new() { ["Ingestion:Store:MaxQueueWaitMilliseconds"] = value });

        Assert.Equal(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), options.MaxQueueWaitMilliseconds);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("60001")]
    public void Bind_MaxQueueWaitOutOfRange_FailsNamingTheKey(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Ingestion:Store:MaxQueueWaitMilliseconds"] = value }));

        Assert.Contains(nameof(EventStoreOptions.MaxQueueWaitMilliseconds), error.Message, StringComparison.Ordinal);
    }

    private static EventStoreOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddDashboardIngestion();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<EventStoreOptions>>().Value;
    }
}
