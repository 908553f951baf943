using Dashboard.Web.Model;

namespace Dashboard.ComponentTests.Controls;

public sealed class StateNamesTests
{
    [Theory]
    [InlineData("RejectedAuth", "Rejected: bad credentials")]
    [InlineData("rejected-auth", "Rejected: bad credentials")]
    [InlineData("DeadLettered", "Dead-lettered")]
    [InlineData("EventDefinition", "Event definition")]
    [InlineData("run-failed", "Run failed")]
    [InlineData("Succeeded", "Succeeded")]
    [InlineData("SomethingNew", "Something new")]
    public void Display_InternalName_ReadsAsWords(string state, string expected) => Assert.Equal(expected, StateNames.Display(state));

    [Theory]
    [InlineData("RejectedAuth", StateTone.Bad)]
    [InlineData("DeadLettered", StateTone.Bad)]
    [InlineData("Succeeded", StateTone.Good)]
    [InlineData("Unmatched", StateTone.Warn)]
    [InlineData("Running", StateTone.Active)]
    public void Tone_State_IsItsMeaning(string state, StateTone expected) => Assert.Equal(expected, StateNames.Tone(state));

    [Fact]
    public void IdLabels_EventsAndRuns_HaveDistinctPrefixes()
    {
        Assert.Equal("E-12", IdLabels.Event(12));
        Assert.Equal("R-12", IdLabels.Run(12));
    }

    [Fact]
    public void JsonTextPretty_EscapedGreaterThan_ShowsTheCharacterIndented()
    {
        var pretty = JsonText.Pretty("{\"when\":\"x \\u003E 1\"}");
        Assert.Contains("x > 1", pretty, StringComparison.Ordinal);
        Assert.Contains("\n  \"when\"", pretty.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
