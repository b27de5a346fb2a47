using System.Text;

namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>Writes what spans services: the builder's Create method per client and the catalog of every operation.</summary>
internal static class SharedWriter
{
    public static string WriteBuilder(IReadOnlyList<ServiceModel> services)
    {
        var code = new StringBuilder(ClientGenerator.Header("botocore's models of every service in the config"));
        code.Append("namespace Reconciler.Aws;\n\npublic sealed partial class AwsClientBuilder\n{\n");
        var first = true;
        foreach (var service in services.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            code.Append(first ? string.Empty : "\n");
            first = false;
            var ns = "Clients." + service.Name + ".";
            var errors = $"{ns}{service.Name}Operations.Errors";
            var protocol = service.Protocol switch
            {
                "query" => $"Query(AwsService.{service.Name}, {Naming.Literal((string)service.Metadata["apiVersion"]!)}, {errors})",
                "json" => $"Json(AwsService.{service.Name}, {Naming.Literal((string)service.Metadata["targetPrefix"]!)}, {Naming.Literal((string?)service.Metadata["jsonVersion"] ?? "1.0")}, {errors})",
                _ => $"RestJson(AwsService.{service.Name}, {errors})",
            };
            code.Append($"    /// <summary>The generated {service.Name} client ({service.ModelFile}).</summary>\n");
            code.Append($"    public {ns}I{service.Name}Client Create{service.Name}() => new {ns}{service.Name}Client({protocol});\n");
        }

        code.Append("}\n");
        return code.ToString();
    }

    public static string WriteCatalog(IReadOnlyList<ServiceModel> services)
    {
        var code = new StringBuilder(ClientGenerator.Header("botocore's models of every service in the config"));
        code.Append("namespace Reconciler.Aws;\n\npublic static partial class AwsOperationCatalog\n{\n");
        code.Append("    private static IEnumerable<IReadOnlyList<AwsOperation>> Services() =>\n    [\n");
        foreach (var service in services.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            code.Append($"        Clients.{service.Name}.{service.Name}Operations.All,\n");
        }

        code.Append("    ];\n}\n");
        return code.ToString();
    }
}
