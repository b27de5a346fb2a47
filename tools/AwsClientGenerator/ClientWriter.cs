using System.Text;
using System.Text.Json.Nodes;

namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>Writes a service's interface, its client on the service's protocol, its operation descriptors and error table, and its paginators.</summary>
internal static class ClientWriter
{
    public static string WriteInterface(ServiceModel service)
    {
        var code = Start(service, "using Reconciler.Aws.Protocol;\n");
        code.Append($"/// <summary>\n/// The {Naming.Summary((string)service.Metadata["serviceId"]!)} operations the project calls ({service.Protocol} protocol, API {service.Config.Version}).\n");
        code.Append("/// An interface so the official AWSSDK package can replace the generated client.\n/// </summary>\n");
        code.Append($"public interface I{service.Name}Client\n{{\n");
        var first = true;
        foreach (var (name, _, operation) in service.Operations)
        {
            code.Append(first ? string.Empty : "\n");
            first = false;
            if (Naming.Summary((string?)operation["documentation"]) is { } summary)
            {
                code.Append($"    /// <summary>{summary}</summary>\n");
            }

            code.Append($"    {Signature(service, name, operation)};\n");
        }

        code.Append("}\n");
        return code.ToString();
    }

    public static string WriteClient(ServiceModel service)
    {
        var protocol = service.Protocol switch
        {
            "query" => "AwsQueryProtocol",
            "json" => "AwsJsonProtocol",
            "rest-json" => "AwsRestJsonProtocol",
            var other => throw new GeneratorException($"{service.Name}: protocol '{other}' is not supported; set \"protocol\" to query, json or rest-json in {ClientGenerator.ConfigPath}."),
        };
        var code = Start(service, "using Reconciler.Aws.Protocol;\n");
        code.Append($"/// <summary>The generated {service.Name} client on the {service.Protocol} protocol.</summary>\n");
        code.Append($"internal sealed class {service.Name}Client({protocol} protocol) : I{service.Name}Client\n{{\n");
        if (service.Protocol == "rest-json")
        {
            foreach (var (name, _, operation) in service.Operations)
            {
                var http = operation["http"]!;
                var responseCode = (int?)http["responseCode"] ?? 200;
                code.Append($"    private static readonly AwsRestBinding {name}Http = new({Naming.Literal((string)http["method"]!)}, {Naming.Literal((string)http["requestUri"]!)}, {responseCode});\n");
            }

            code.Append('\n');
        }

        var first = true;
        foreach (var (name, _, operation) in service.Operations)
        {
            code.Append(first ? string.Empty : "\n");
            first = false;
            code.Append($"    public {Signature(service, name, operation)} =>\n        {Call(service, name, operation)};\n");
        }

        code.Append("}\n");
        return code.ToString();
    }

    public static string WriteOperations(ServiceModel service)
    {
        var code = Start(service, string.Empty);
        code.Append($"/// <summary>\n/// The {service.Name} operations the generated client calls, each declaring whether it writes\n");
        code.Append("/// (from clients.json, checked against the model's readonly flags), and the model's error codes with their kinds.\n/// </summary>\n");
        code.Append($"public static class {service.Name}Operations\n{{\n");
        foreach (var (name, writes, _) in service.Operations)
        {
            code.Append($"    public static readonly AwsOperation {name} = new(AwsService.{service.Name}, {Naming.Literal(name)}, Writes: {(writes ? "true" : "false")});\n");
        }

        code.Append("\n    /// <summary>Every operation above, for the controller's catalog and IAM policy.</summary>\n");
        code.Append("    public static IReadOnlyList<AwsOperation> All { get; } =\n    [\n");
        foreach (var (name, _, _) in service.Operations)
        {
            code.Append($"        {name},\n");
        }

        code.Append("    ];\n\n");
        code.Append("    /// <summary>The error codes of the operations' error shapes (name and query code), and what each means.</summary>\n");
        code.Append("    public static IReadOnlyDictionary<string, AwsErrorKind> Errors { get; } = new Dictionary<string, AwsErrorKind>(StringComparer.Ordinal)\n    {\n");
        foreach (var (errorCode, kind) in Errors(service))
        {
            code.Append($"        [{Naming.Literal(errorCode)}] = AwsErrorKind.{kind},\n");
        }

        code.Append("    };\n}\n");
        return code.ToString();
    }

    /// <summary>The paginators of the configured operations whose tokens are single string members; null when there are none.</summary>
    public static string? WritePaginators(ServiceModel service)
    {
        var methods = new List<string>();
        foreach (var (name, _, operation) in service.Operations)
        {
            if (service.Paginators?[name] is JsonObject paginator && Paginator.Create(service, operation, paginator) is { } pages)
            {
                methods.Add(pages.Write(service, name));
            }
        }

        if (methods.Count == 0)
        {
            return null;
        }

        var code = Start(service, "using System.Runtime.CompilerServices;\n");
        code.Append($"/// <summary>The {service.Name} operations that page, as async streams of pages and of items (from the model's paginators-1.json).</summary>\n");
        code.Append($"public static class {service.Name}Paginators\n{{\n");
        code.Append(string.Join("\n", methods));
        code.Append("}\n");
        return code.ToString();
    }

    private static StringBuilder Start(ServiceModel service, string usings)
    {
        var code = new StringBuilder(ClientGenerator.Header($"botocore's {service.ModelFile}"));
        code.Append(usings).Append(usings.Length > 0 ? "\n" : string.Empty);
        code.Append($"namespace {service.Namespace};\n\n");
        return code;
    }

    private static string Signature(ServiceModel service, string name, JsonObject operation)
    {
        var output = service.OutputShape(operation) is { } outputShape ? $"Task<{service.TypeName(outputShape)}>" : "Task";
        var input = service.InputShape(operation) is { } inputShape ? $"{service.TypeName(inputShape)} request, " : string.Empty;
        return $"{output} {name}Async({input}CancellationToken cancellationToken = default)";
    }

    private static string Call(ServiceModel service, string name, JsonObject operation)
    {
        var generic = service.OutputShape(operation) is { } outputShape ? $"<{service.TypeName(outputShape)}>" : string.Empty;
        var binding = service.Protocol == "rest-json" ? $"{name}Http, " : string.Empty;
        return $"protocol.InvokeAsync{generic}({service.Name}Operations.{name}, {binding}{Request(service, operation)}, cancellationToken)";
    }

    // The request, with idempotency tokens the caller left out filled with a new GUID.
    private static string Request(ServiceModel service, JsonObject operation)
    {
        if (service.InputShape(operation) is not { } input)
        {
            return "null";
        }

        var tokens = service.Members(input).Where(m => m.IdempotencyToken).Select(m => m.Property).ToList();
        if (tokens.Count == 0)
        {
            return "request";
        }

        var fills = string.Join(", ", tokens.Select(t => $"{t} = request.{t} ?? Guid.NewGuid().ToString()"));
        return $"request with {{ {fills} }}";
    }

    private static SortedDictionary<string, string> Errors(ServiceModel service)
    {
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, _, operation) in service.Operations)
        {
            foreach (var error in operation["errors"]?.AsArray() ?? [])
            {
                var shapeName = (string)error!["shape"]!;
                var detail = service.Shape(shapeName)["error"];
                var code = (string?)detail?["code"] ?? shapeName;
                var kind = ErrorKinds.Classify(shapeName, code, (int?)detail?["httpStatusCode"]);
                errors[shapeName] = kind;
                errors[code] = kind;
            }
        }

        return errors;
    }
}
