using System.Text;

namespace Dashboard.JsonSchema.Tests;

/// <summary>Non-timed sanity check of the hot path: one compiled schema, many events, several threads.</summary>
public sealed class ThroughputSanityTests
{
    private const string EventSchema = """
        {"type": "object", "required": ["orderId", "amount", "items"], "additionalProperties": false,
         "properties": {
           "orderId": {"type": "string", "pattern": "^ORD-[0-9]+$"},
           "amount": {"type": "number", "minimum": 0, "multipleOf": 0.01},
           "currency": {"enum": ["EUR", "USD"]},
           "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/item"}}},
         "$defs": {"item": {"type": "object", "required": ["sku", "qty"], "unevaluatedProperties": false,
           "properties": {"sku": {"type": "string", "minLength": 1}, "qty": {"type": "integer", "minimum": 1}}}}}
        """;

    [Fact]
    public void Validate_ManyEventsInParallel_GivesConsistentVerdicts()
    {
        var schema = JsonSchema.Compile(EventSchema);
        var events = Enumerable.Range(0, 2_000).Select(i => TestJson.Parse(Event(i))).ToArray();

        var validCount = 0;
        var errorCount = 0;
        Parallel.For(0, 10_000, i =>
        {
            var instance = events[i % events.Length];
            var fast = schema.IsValid(instance);
            var full = schema.Validate(instance);
            Assert.Equal(fast, full.IsValid);
            if (fast)
            {
                Interlocked.Increment(ref validCount);
            }
            else
            {
                Interlocked.Add(ref errorCount, full.Errors.Count);
            }
        });

        Assert.Equal(9_000, validCount);
        Assert.Equal(1_000, errorCount);
    }

    private static string Event(int i)
    {
        var qty = i % 10 == 0 ? 0 : (i % 5) + 1;
        var builder = new StringBuilder();
        builder.Append("{\"orderId\": \"ORD-").Append(i).Append("\", \"amount\": ").Append(i).Append(".25, \"currency\": \"EUR\", ");
        builder.Append("\"items\": [{\"sku\": \"A1\", \"qty\": ").Append(qty).Append("}, {\"sku\": \"B2\", \"qty\": 1}]}");
        return builder.ToString();
    }
}
