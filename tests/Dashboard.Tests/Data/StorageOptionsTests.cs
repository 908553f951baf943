using Dashboard.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Data;

/// <summary>The <c>Storage</c> section as the app registers it: bound, validated, each bad key named.</summary>
public sealed class StorageOptionsTests
{
    [Fact]
    public void Bind_NoPageSize_DefaultsToSqlitesOwn()
    {
        Assert.Equal(4_096, Resolve([]).PageSize);
    }

    [Theory]
    [InlineData("512")]
    [InlineData("1024")]
    [InlineData("65536")]
    public void Bind_PageSizeAPowerOfTwoInRange_Accepted(string value)
    {
        Assert.Equal(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Resolve(new() { ["Storage:PageSize"] = value }).PageSize);
    }

    [Theory]
    [InlineData("256")]
    [InlineData("3000")]
    [InlineData("131072")]
    public void Bind_PageSizeNotASqlitePageSize_FailsNamingTheKey(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["Storage:PageSize"] = value }));

        Assert.Contains(nameof(StorageOptions.PageSize), error.Message, StringComparison.Ordinal);
    }

    private static StorageOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddDashboardData(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<StorageOptions>>().Value;
    }
}
