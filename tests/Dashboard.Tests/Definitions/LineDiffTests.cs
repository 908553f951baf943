using Dashboard.Runtime.Definitions;
using static Dashboard.Runtime.Definitions.LineDiff;

namespace Dashboard.Tests.Definitions;

public sealed class LineDiffTests
{
    [Fact]
    public void Compare_SameText_AllLinesSame() =>
        Assert.All(LineDiff.Compare("a\nb", "a\nb"), line => Assert.Equal(Kind.Same, line.Kind));

    [Fact]
    public void Compare_ChangedMiddleLine_RemovedThenAdded()
    {
        var diff = LineDiff.Compare("a\nb\nc", "a\nx\nc");

        Assert.Equal([(Kind.Same, "a"), (Kind.Removed, "b"), (Kind.Added, "x"), (Kind.Same, "c")], diff.Select(l => (l.Kind, l.Text)));
    }

    [Fact]
    public void Compare_LinesAppendedAndRemovedAtEnds_KeepsCommonPart()
    {
        var diff = LineDiff.Compare("head\nbody", "body\ntail");

        Assert.Equal([(Kind.Removed, "head"), (Kind.Same, "body"), (Kind.Added, "tail")], diff.Select(l => (l.Kind, l.Text)));
    }

    [Fact]
    public void Compare_AnyTwoTexts_RebuildsBothSides()
    {
        var before = "1\n2\n3\n4\n5";
        var after = "0\n2\n4\n5\n6\n7";

        var diff = LineDiff.Compare(before, after);

        Assert.Equal(before, string.Join('\n', diff.Where(l => l.Kind != Kind.Added).Select(l => l.Text)));
        Assert.Equal(after, string.Join('\n', diff.Where(l => l.Kind != Kind.Removed).Select(l => l.Text)));
        Assert.Equal(3, diff.Count(l => l.Kind == Kind.Same));
    }
}
