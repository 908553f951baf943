namespace Dashboard.JsonSchema.Evaluation;

/// <summary>
/// The annotations that unevaluatedProperties / unevaluatedItems read: which properties and items
/// of one instance location successful subschemas have evaluated.
/// </summary>
internal sealed class EvaluatedTracker
{
    private HashSet<string>? _properties;
    private HashSet<int>? _items;

    public bool AllProperties { get; private set; }

    public bool AllItems { get; private set; }

    public int PrefixItems { get; private set; }

    public void MarkProperty(string name) => (_properties ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);

    public void MarkAllProperties() => AllProperties = true;

    public void MarkItem(int index) => (_items ??= []).Add(index);

    public void MarkPrefix(int count) => PrefixItems = Math.Max(PrefixItems, count);

    public void MarkAllItems() => AllItems = true;

    public bool IsPropertyEvaluated(string name) => AllProperties || (_properties?.Contains(name) ?? false);

    public bool IsItemEvaluated(int index) => AllItems || index < PrefixItems || (_items?.Contains(index) ?? false);

    public void Merge(EvaluatedTracker other)
    {
        AllProperties |= other.AllProperties;
        AllItems |= other.AllItems;
        PrefixItems = Math.Max(PrefixItems, other.PrefixItems);
        if (other._properties is not null)
        {
            (_properties ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(other._properties);
        }

        if (other._items is not null)
        {
            (_items ??= []).UnionWith(other._items);
        }
    }
}
