using Dashboard.Runtime.Nats.Compatibility;
using NATS.Client.JetStream.Models;

namespace Dashboard.Tests.Nats;

public sealed class ServerVersionGuardTests
{
    [Theory]
    [InlineData("2.9.10", 2, 9, 10)]
    [InlineData("v2.10.0-beta.1", 2, 10, 0)]
    [InlineData("2.11.3+build", 2, 11, 3)]
    public void Parse_ServerVersionText_ReadsNumericPart(string text, int major, int minor, int build)
    {
        Assert.Equal(new Version(major, minor, build), ServerVersionGuard.Parse(text));
    }

    [Fact]
    public void Parse_MissingOrGarbage_IsZero()
    {
        Assert.Equal(new Version(0, 0), ServerVersionGuard.Parse(null));
        Assert.Equal(new Version(0, 0), ServerVersionGuard.Parse("not a version"));
    }

    [Fact]
    public void EnsureSupported_MultipleFilterSubjectsOn29_Refused()
    {
        var config = new ConsumerConfig("c") { FilterSubjects = ["a.>", "b.>"] };

        var error = Assert.Throws<NotSupportedException>(() => ServerVersionGuard.EnsureSupported("2.9.10", config));

        Assert.Contains("multiple filter subjects", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureSupported_MetadataOn29_Refused()
    {
        var config = new ConsumerConfig("c") { FilterSubject = "a.>", Metadata = new Dictionary<string, string> { ["k"] = "v" } };

        Assert.Throws<NotSupportedException>(() => ServerVersionGuard.EnsureSupported("2.9.10", config));
    }

    [Fact]
    public void EnsureSupported_SingleFilterOn29OrAnythingOn210_Allowed()
    {
        ServerVersionGuard.EnsureSupported("2.9.10", new ConsumerConfig("c") { FilterSubject = "a.>" });
        ServerVersionGuard.EnsureSupported("2.10.4", new ConsumerConfig("c") { FilterSubjects = ["a.>", "b.>"] });
    }

    [Fact]
    public void Expiry_OneSecondOrLess_RefusedAndLongerKept()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ServerVersionGuard.Expiry(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(2), ServerVersionGuard.Expiry(TimeSpan.FromSeconds(2)));
    }
}
