using Dashboard.Runtime.Ingestion;
using Dashboard.Web.Features.Firing;

namespace Dashboard.Tests.Firing;

public sealed class FireEditorStateTests
{
    private const string Schema = """
        {"type":"object","required":["orderId","qty"],"properties":{"orderId":{"type":"string"},"qty":{"type":"integer","minimum":1}}}
        """;

    private static string Event(string data) =>
        $$"""{"specversion":"1.0","id":"e-1","source":"/dashboard/manual","type":"orders.created","data":{{data}}}""";

    [Fact]
    public void New_TemplateFromSchema_IsValidAndFireable()
    {
        var state = new FireEditorState(ManualEvents.Template("orders.created", null, Schema, "id-1"), Schema);

        Assert.True(state.IsChecked);
        Assert.Empty(state.Problems);
        Assert.True(state.CanFire);
    }

    [Fact]
    public void Edit_BeforeValidate_NotCheckedAndNotFireable()
    {
        var state = new FireEditorState(Event("""{"orderId":"1","qty":2}"""), Schema);

        state.Edit(Event("""{"orderId":"1","qty":3}"""));

        Assert.False(state.IsChecked);
        Assert.False(state.CanFire);
    }

    [Fact]
    public void Validate_SchemaErrors_ReportedUnderDataPath()
    {
        var state = new FireEditorState(Event("""{"orderId":"1","qty":2}"""), Schema);

        state.Edit(Event("""{"orderId":5,"qty":0}"""));
        state.Validate();

        Assert.Equal(["$.data.orderId", "$.data.qty"], state.Problems.Select(p => p.Path).Order());
        Assert.False(state.CanFire);
    }

    [Fact]
    public void Validate_MissingRequiredProperty_ReportedAtData()
    {
        var state = new FireEditorState(Event("""{"orderId":"1"}"""), Schema);

        var problem = Assert.Single(state.Problems);
        Assert.Equal("$.data", problem.Path);
        Assert.Contains("qty", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenJson_OneProblemWithLine()
    {
        var state = new FireEditorState("{\n  \"specversion\": \"1.0\",\n  \"id\": }", Schema);

        var problem = Assert.Single(state.Problems);
        Assert.Contains("not valid JSON: line 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingCloudEventAttribute_NamesIt()
    {
        var state = new FireEditorState("""{"specversion":"1.0","source":"/x","type":"t","data":{"orderId":"1","qty":1}}""", Schema);

        Assert.Contains(state.Problems, p => p.Path.Contains("id", StringComparison.Ordinal) || p.Message.Contains("id", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NoSchema_AnyDataAccepted()
    {
        var state = new FireEditorState(Event("[1, 2]"), null);

        Assert.Empty(state.Problems);
    }

    [Fact]
    public void EndFire_Accepted_ExposesSeq()
    {
        var state = new FireEditorState(Event("""{"orderId":"1","qty":2}"""), Schema);

        state.BeginFire();
        Assert.False(state.CanFire);
        state.EndFire(new IngestionResult(202, Outcomes.Accepted, "Accepted", null) { Events = [new IngestedEvent(0, "e-1", "/dashboard/manual", false, 42, ["wf"])] });

        Assert.Equal(42, state.FiredSeq);
        Assert.True(state.CanFire);
    }

    [Fact]
    public void EndFire_Rejected_NoSeq()
    {
        var state = new FireEditorState(Event("""{"orderId":"1","qty":2}"""), Schema);

        state.EndFire(new IngestionResult(410, Outcomes.Disabled, "Definition disabled", null));

        Assert.Null(state.FiredSeq);
    }
}
