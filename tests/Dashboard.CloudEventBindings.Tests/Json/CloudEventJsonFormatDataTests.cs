using System.Text;

namespace Dashboard.CloudEventBindings.Tests.Json;

public sealed class CloudEventJsonFormatDataTests
{
    [Theory]
    [InlineData("{ \"a\" : [1, 2.5e3, true, null] }")]
    [InlineData("\"Simple text\"")]
    [InlineData("12.5")]
    [InlineData("false")]
    [InlineData("\"esc\\u00e9\\n\"")]
    public void Parse_DataMember_KeepsTheRawJsonText(string json)
    {
        var result = TestJson.Parse($"\"data\":{json}");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.True(result.Event!.DataIsJson());
        Assert.Equal(json, Encoding.UTF8.GetString(result.Event!.DataBytes()));
    }

    [Fact]
    public void Parse_DataBase64_KeepsTheDecodedBytes()
    {
        var result = TestJson.Parse("\"data_base64\":\"AAEC/w==\"");

        Assert.True(result.IsValid);
        Assert.False(result.Event!.DataIsJson());
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, result.Event!.DataBytes());
    }

    [Fact]
    public void Parse_EmptyDataBase64_IsPresentAndEmpty()
    {
        var result = TestJson.Parse("\"data_base64\":\"\"");

        Assert.True(result.IsValid);
        Assert.Empty(result.Event!.DataBytes());
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAE")]
    [InlineData("AA==AA==")]
    public void Parse_InvalidBase64_ReportsDataBase64Path(string text)
    {
        Assert.Equal("$.data_base64", TestJson.SingleError(TestJson.Parse($"\"data_base64\":\"{text}\"")).Path);
    }

    [Theory]
    [InlineData("\"data\":\"text\",\"data_base64\":\"AA==\"")]
    [InlineData("\"data_base64\":\"AA==\",\"data\":{}")]
    public void Parse_DataAndDataBase64Together_IsRejected(string members)
    {
        Assert.Contains("data_base64", TestJson.SingleError(TestJson.Parse(members)).Message);
    }

    [Fact]
    public void Parse_DataIsCopied_SoTheInputBufferCanBeReused()
    {
        var bytes = TestJson.Event("\"data\":{\"k\":1}");

        var result = StrictJsonEventFormatter.Default.DecodeStructured(bytes);
        Array.Clear(bytes);

        Assert.Equal("{\"k\":1}", result.Event!.DataText());
    }
}
