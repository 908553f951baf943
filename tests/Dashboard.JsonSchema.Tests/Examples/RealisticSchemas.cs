namespace Dashboard.JsonSchema.Tests.Examples;

/// <summary>Event data schemas of the kind users define, for the example generator tests.</summary>
internal static class RealisticSchemas
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["order-created"] = """
            {"type": "object", "required": ["orderId", "customer", "items", "createdAt"], "additionalProperties": false,
             "properties": {
               "orderId": {"type": "string", "pattern": "^ORD-[0-9]{6}$"},
               "customer": {"type": "object", "required": ["id", "email"], "properties": {"id": {"type": "string", "format": "uuid"}, "email": {"type": "string", "format": "email"}}},
               "items": {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/item"}},
               "createdAt": {"type": "string", "format": "date-time"},
               "total": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.01}},
             "$defs": {"item": {"type": "object", "required": ["sku", "qty"], "properties": {"sku": {"type": "string", "minLength": 3}, "qty": {"type": "integer", "minimum": 1, "maximum": 99}}}}}
            """,
        ["payment"] = """
            {"type": "object", "required": ["method"],
             "properties": {"method": {"enum": ["card", "bank"]}, "amount": {"type": "integer", "minimum": 100, "multipleOf": 50}},
             "if": {"properties": {"method": {"const": "card"}}}, "then": {"required": ["amount"]}}
            """,
        ["with-examples"] = """
            {"type": "object", "examples": [{"city": "Berlin", "temperature": 21.5}], "required": ["city"],
             "properties": {"city": {"type": "string"}, "temperature": {"type": "number"}}}
            """,
        ["defaults-and-const"] = """
            {"type": "object", "required": ["version", "level", "retries"],
             "properties": {"version": {"const": 2}, "level": {"type": "string", "default": "info", "enum": ["debug", "info", "warn"]}, "retries": {"type": "integer", "default": 3, "maximum": 5}}}
            """,
        ["sensor-reading"] = """
            {"type": "object", "required": ["deviceId", "readings"],
             "properties": {"deviceId": {"type": "string", "pattern": "^[a-z]{2}-[0-9a-f]{4}$"},
               "readings": {"type": "array", "minItems": 3, "uniqueItems": true, "items": {"type": "number", "minimum": -40, "maximum": 85}}}}
            """,
        ["user-signup"] = """
            {"type": "object", "required": ["email", "username", "consent"], "unevaluatedProperties": false,
             "allOf": [{"properties": {"email": {"type": "string", "format": "email"}}}, {"properties": {"username": {"type": "string", "minLength": 5, "maxLength": 20}}}],
             "properties": {"consent": {"type": "boolean", "const": true}, "referrer": {"type": ["string", "null"], "format": "uri"}}}
            """,
        ["one-of-shapes"] = """
            {"oneOf": [
               {"type": "object", "required": ["kind", "radius"], "properties": {"kind": {"const": "circle"}, "radius": {"type": "number", "exclusiveMinimum": 0}}},
               {"type": "object", "required": ["kind", "width"], "properties": {"kind": {"const": "square"}, "width": {"type": "number"}}}]}
            """,
        ["tuple"] = """
            {"type": "array", "prefixItems": [{"type": "string", "format": "date"}, {"type": "integer", "exclusiveMaximum": 0}], "items": false}
            """,
        ["dependent"] = """
            {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "card": {"type": "string"}, "billing": {"type": "string", "minLength": 10}},
             "dependentRequired": {"card": ["billing"]}}
            """,
        ["map-of-tags"] = """
            {"type": "object", "minProperties": 2, "propertyNames": {"pattern": "^[a-z]+[0-9]*$"}, "additionalProperties": {"type": "string", "maxLength": 8}}
            """,
        ["recursive-tree"] = """
            {"$id": "https://example.com/tree", "type": "object", "required": ["name", "children"],
             "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}}
            """,
        ["contains-alert"] = """
            {"type": "array", "contains": {"type": "object", "required": ["severity"], "properties": {"severity": {"const": "critical"}}}, "minContains": 1,
             "items": {"type": "object", "properties": {"severity": {"enum": ["info", "critical"]}}}}
            """,
        ["scalar-time"] = """{"type": "string", "format": "time"}""",
    };
}
