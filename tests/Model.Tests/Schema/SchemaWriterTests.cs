using System.Text.Json.Nodes;
using Reconciler.Model.Kinds;
using Reconciler.Model.Schema;
using Reconciler.Model.Tests.Support;

namespace Reconciler.Model.Tests.Schema;

public sealed class SchemaWriterTests
{
    private static string SchemaPath => TestPaths.InRepo("schema", "reconciler.schema.json");

    [Fact]
    public void CommittedSchema_EqualsGenerated()
    {
        var generated = SchemaWriter.Write();
        if (Golden.Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SchemaPath)!);
            File.WriteAllText(SchemaPath, generated);
        }

        Assert.True(File.Exists(SchemaPath), "schema/reconciler.schema.json is missing: run the tests with UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(SchemaPath).ReplaceLineEndings("\n"), generated);
    }

    [Fact]
    public void Generate_HasAConditionAndADefinitionPerKind()
    {
        var schema = SchemaWriter.Generate();

        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)schema["$schema"]);
        Assert.Equal(KindCatalog.All.Count + 1, schema["allOf"]!.AsArray().Count);
        foreach (var kind in KindCatalog.All)
        {
            var definition = schema["definitions"]![$"{kind.Name}Spec"]!;
            Assert.False((bool)definition["additionalProperties"]!);
            Assert.Equal(kind.Fields.Select(f => f.Name), definition["properties"]!.AsObject().Select(p => p.Key));
        }
    }

    [Fact]
    public void Generate_SubnetSpec_CarriesRequiredDescriptionsAndVariables()
    {
        var subnet = SchemaWriter.Generate()["definitions"]!["SubnetSpec"]!;

        Assert.Equal(["vpc", "cidrBlock"], subnet["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("A subnet of a VPC in one availability zone.", (string?)subnet["description"]);
        var cidr = subnet["properties"]!["cidrBlock"]!;
        Assert.Equal("The subnet's IPv4 range; must lie inside the VPC's range.", (string?)cidr["description"]);
        Assert.Equal("#/definitions/variable", (string?)cidr["anyOf"]![1]!["$ref"]);
        Assert.Equal(JsonValue.Create(false).ToJsonString(), subnet["properties"]!["mapPublicIpOnLaunch"]!["default"]!.ToJsonString());
    }
}
