namespace Dashboard.JsonSchema.Tests;

public sealed class JsonPointerTests
{
    [Theory]
    [InlineData("", "$")]
    [InlineData("/order/items/0/qty", "$.order.items[0].qty")]
    [InlineData("/a~1b/c~0d", "$['a/b']['c~d']")]
    [InlineData("/it's", "$['it\\'s']")]
    [InlineData("/_x$1", "$._x$1")]
    public void ToJsonPath_Pointer_ConvertsToJsonPath(string pointer, string expected)
    {
        Assert.Equal(expected, JsonPointer.ToJsonPath(pointer));
    }

    [Fact]
    public void ToJsonPath_NotAPointer_Throws()
    {
        Assert.Throws<FormatException>(() => JsonPointer.ToJsonPath("a/b"));
    }

    [Fact]
    public void EscapeAndUnescape_RoundTrip()
    {
        Assert.Equal("a~0~1b", JsonPointer.Escape("a~/b"));
        Assert.Equal("a~/b", JsonPointer.Unescape("a~0~1b"));
        Assert.Equal("~1", JsonPointer.Unescape("~01"));
    }
}
