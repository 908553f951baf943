using System.Text.Json;
using Xunit.Abstractions;

namespace Dashboard.JsonSchema.Tests.Conformance;

/// <summary>One test of the suite, identified by file, group and test index; serializable so each is its own row.</summary>
public sealed class SuiteCase : IXunitSerializable
{
    public SuiteCase()
    {
        File = string.Empty;
        Group = string.Empty;
        Description = string.Empty;
    }

    public SuiteCase(string file, int groupIndex, int testIndex, string group, string description)
    {
        File = file;
        GroupIndex = groupIndex;
        TestIndex = testIndex;
        Group = group;
        Description = description;
    }

    public string File { get; private set; }

    public int GroupIndex { get; private set; }

    public int TestIndex { get; private set; }

    public string Group { get; private set; }

    public string Description { get; private set; }

    public JsonElement Schema => SuiteFiles.Load(File)[GroupIndex].GetProperty("schema");

    public JsonElement Data => Test.GetProperty("data");

    public bool Valid => Test.GetProperty("valid").GetBoolean();

    private JsonElement Test => SuiteFiles.Load(File)[GroupIndex].GetProperty("tests")[TestIndex];

    public void Deserialize(IXunitSerializationInfo info)
    {
        File = info.GetValue<string>(nameof(File));
        GroupIndex = info.GetValue<int>(nameof(GroupIndex));
        TestIndex = info.GetValue<int>(nameof(TestIndex));
        Group = info.GetValue<string>(nameof(Group));
        Description = info.GetValue<string>(nameof(Description));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(File), File);
        info.AddValue(nameof(GroupIndex), GroupIndex);
        info.AddValue(nameof(TestIndex), TestIndex);
        info.AddValue(nameof(Group), Group);
        info.AddValue(nameof(Description), Description);
    }

    public override string ToString() => $"{File}: {Group} / {Description}";
}
