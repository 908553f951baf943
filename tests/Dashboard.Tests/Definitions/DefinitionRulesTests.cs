using Dashboard.Data.Entities;
using Dashboard.Runtime.Definitions;

namespace Dashboard.Tests.Definitions;

public sealed class DefinitionRulesTests
{
    [Theory]
    [InlineData("/Orders/", "orders")]
    [InlineData("  shop/Orders ", "shop/orders")]
    [InlineData("orders", "orders")]
    public void NormalizeRoute_SlashesAndCase_AreIgnored(string route, string expected) =>
        Assert.Equal(expected, DefinitionRules.NormalizeRoute(route));

    [Fact]
    public void Check_ValidHttpDefinition_HasNoErrors() =>
        Assert.Empty(DefinitionRules.Check(new EventDefinitionModel { Key = "orders.created", HttpRoute = "/Shop/Orders/", DataSchema = "{\"type\":\"object\"}" }));

    [Theory]
    [InlineData("*/5 * * * *", true)]
    [InlineData("0 */5 * * * *", true)]
    [InlineData("61 * * * *", false)]
    [InlineData("every day", false)]
    [InlineData("", false)]
    public void CheckCron_Expression_AcceptsFiveOrSixFields(string expression, bool valid)
    {
        var errors = new List<Dashboard.Runtime.Common.FieldError>();
        DefinitionRules.CheckCron(errors, expression, "UTC");
        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void CheckCron_UnknownTimeZone_RejectedAtTimeZone()
    {
        var errors = new List<Dashboard.Runtime.Common.FieldError>();
        DefinitionRules.CheckCron(errors, "0 2 * * *", "Mars/Olympus");
        Assert.Equal("timeZone", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("{ not json", "dataSchema")]
    [InlineData("\"a string\"", "dataSchema")]
    [InlineData("[]", "dataSchema")]
    public void Check_BadSchemaText_RejectedAtDataSchema(string schema, string field)
    {
        var errors = DefinitionRules.Check(new EventDefinitionModel { Key = "a", HttpRoute = "a", DataSchema = schema });
        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void Check_EachSourceKind_RequiresItsOwnField()
    {
        Assert.Equal("httpRoute", Assert.Single(DefinitionRules.Check(new EventDefinitionModel { Key = "a", SourceKind = EventSourceKind.Http })).Field);
        Assert.Equal("natsSubject", Assert.Single(DefinitionRules.Check(new EventDefinitionModel { Key = "a", SourceKind = EventSourceKind.Nats, NatsSubject = "has space" })).Field);
        Assert.Equal("cronExpression", Assert.Single(DefinitionRules.Check(new EventDefinitionModel { Key = "a", SourceKind = EventSourceKind.Cron })).Field);
        Assert.Empty(DefinitionRules.Check(new EventDefinitionModel { Key = "a", SourceKind = EventSourceKind.Manual }));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public void Check_WebhookMethodOtherThanPostOrPut_RejectedAtHttpMethod(string method) =>
        Assert.Equal("httpMethod", Assert.Single(DefinitionRules.Check(new EventDefinitionModel { Key = "a", HttpRoute = "a", HttpMethod = method })).Field);

    [Fact]
    public void Check_ShortHmacSecret_RejectedAtNewHmacSecret() =>
        Assert.Equal("newHmacSecret", Assert.Single(DefinitionRules.Check(
            new EventDefinitionModel { Key = "a", HttpRoute = "a", AuthMode = EventAuthMode.Hmac, NewHmacSecret = "short" })).Field);

    [Fact]
    public void Check_KeyAndDescriptionLimits_AreEnforced()
    {
        var tooLong = DefinitionRules.Check(new EventDefinitionModel
        {
            Key = new string('k', DefinitionRules.MaxKeyLength + 1),
            HttpRoute = "a",
            Description = new string('d', DefinitionRules.MaxDescriptionLength + 1),
        });
        var atLimit = DefinitionRules.Check(new EventDefinitionModel
        {
            Key = new string('k', DefinitionRules.MaxKeyLength),
            HttpRoute = "a",
            Description = new string('d', DefinitionRules.MaxDescriptionLength),
        });

        Assert.Equal(["description", "key"], tooLong.Select(e => e.Field).Order());
        Assert.Empty(atLimit);
    }
}
