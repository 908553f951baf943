using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Compilation;

/// <summary>
/// Finds schemas that reach themselves through in-place applicators ($ref, allOf, not, if, ...) without
/// descending into a property or item: evaluating them would never end.
/// </summary>
internal static class CycleDetector
{
    public static void Check(IEnumerable<SchemaNode> nodes, List<SchemaError> errors)
    {
        var state = new Dictionary<SchemaNode, bool>(ReferenceEqualityComparer.Instance);
        var stack = new List<SchemaNode>();
        foreach (var node in nodes.ToList())
        {
            if (!state.ContainsKey(node) && Visit(node, state, stack, errors))
            {
                return;
            }
        }
    }

    private static bool Visit(SchemaNode node, Dictionary<SchemaNode, bool> state, List<SchemaNode> stack, List<SchemaError> errors)
    {
        state[node] = false;
        stack.Add(node);
        foreach (var child in node.Keywords.SelectMany(k => k.InPlaceChildren))
        {
            if (state.TryGetValue(child, out var done))
            {
                if (!done)
                {
                    var cycle = stack.Skip(stack.IndexOf(child)).Append(child).Select(n => "#" + n.Location);
                    errors.Add(new SchemaError(
                        "#" + child.Location,
                        "the schema refers to itself without consuming any input (infinite $ref loop): " + string.Join(" -> ", cycle)));
                    return true;
                }

                continue;
            }

            if (Visit(child, state, stack, errors))
            {
                return true;
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[node] = true;
        return false;
    }
}
