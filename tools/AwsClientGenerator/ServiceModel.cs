using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>
/// One service's botocore model, cut down to the configured operations: the structures they
/// reach (and which of those a request can carry), their C# names, and the problems that stop
/// generation (unknown operations, a read/write declaration the model's readonly flag contradicts).
/// </summary>
internal sealed class ServiceModel
{
    private readonly Dictionary<string, string> _typeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<MemberModel>> _members = new(StringComparer.Ordinal);

    private ServiceModel(ServiceConfig config, JsonObject model, JsonObject? paginators)
    {
        Config = config;
        Metadata = model["metadata"]!.AsObject();
        Shapes = model["shapes"]!.AsObject();
        AllOperations = model["operations"]!.AsObject();
        Paginators = paginators;
        Protocol = config.Protocol ?? (string)Metadata["protocol"]!;
    }

    public ServiceConfig Config { get; }

    public string Name => Config.Name;

    public string Namespace => "Reconciler.Aws.Clients." + Name;

    /// <summary>The model file, as named in headers: "lambda/2015-03-31/service-2.json.gz".</summary>
    public string ModelFile => $"{Config.Model}/{Config.Version}/service-2.json.gz";

    public string Protocol { get; }

    public JsonObject Metadata { get; }

    public JsonObject Shapes { get; }

    public JsonObject? Paginators { get; }

    private JsonObject AllOperations { get; }

    /// <summary>The configured operations in config order: (name, writes, model).</summary>
    public List<(string Name, bool Writes, JsonObject Model)> Operations { get; } = [];

    public List<string> Problems { get; } = [];

    /// <summary>Every structure reached from the operations' inputs and outputs, by shape name.</summary>
    public SortedSet<string> Structures { get; } = new(StringComparer.Ordinal);

    /// <summary>The structures a request can carry: their required members are required of callers.</summary>
    public HashSet<string> InputStructures { get; } = new(StringComparer.Ordinal);

    public static ServiceModel Load(ServiceConfig config, string modelsFolder)
    {
        var folder = Path.Combine(modelsFolder, config.Model, config.Version);
        var modelFile = Path.Combine(folder, "service-2.json.gz");
        if (!File.Exists(modelFile))
        {
            throw new GeneratorException($"Service '{config.Name}': no model at {modelFile}; check its model and version in {ClientGenerator.ConfigPath}.");
        }

        using var stream = new GZipStream(File.OpenRead(modelFile), CompressionMode.Decompress);
        var model = JsonNode.Parse(stream)!.AsObject();
        var paginatorFile = Path.Combine(folder, "paginators-1.json");
        var paginators = File.Exists(paginatorFile) ? JsonNode.Parse(File.ReadAllText(paginatorFile))?["pagination"]?.AsObject() : null;
        var service = new ServiceModel(config, model, paginators);
        service.ReadOperations();
        service.Reach();
        service.NameTypes();
        return service;
    }

    public JsonObject Shape(string name) => Shapes[name]!.AsObject();

    public string TypeName(string structure) => _typeNames[structure];

    /// <summary>A structure's members with their C# names.</summary>
    public IReadOnlyList<MemberModel> Members(string structure) => _members[structure];

    public static bool IsDocument(JsonObject shape) => shape["document"]?.GetValue<bool>() == true;

    /// <summary>The C# type of a value of <paramref name="shapeName"/> (without the nullable mark).</summary>
    public string ClrType(string shapeName)
    {
        var shape = Shape(shapeName);
        return (string)shape["type"]! switch
        {
            "structure" when IsDocument(shape) => "JsonElement",
            "structure" => TypeName(shapeName),
            "list" => $"IReadOnlyList<{ClrType((string)shape["member"]!["shape"]!)}>",
            "map" => $"IReadOnlyDictionary<string, {ClrType((string)shape["value"]!["shape"]!)}>",
            "string" => "string",
            "integer" => "int",
            "long" => "long",
            "boolean" => "bool",
            "double" or "float" => "double",
            "timestamp" => "DateTimeOffset",
            "blob" => "byte[]",
            var other => throw new GeneratorException($"Service '{Name}': shape {shapeName} has type '{other}', which the generator does not map."),
        };
    }

    public static bool IsValueType(string clrType) => clrType is "int" or "long" or "bool" or "double" or "DateTimeOffset" or "JsonElement";

    public string? InputShape(JsonObject operation) => (string?)operation["input"]?["shape"];

    public string? OutputShape(JsonObject operation) => (string?)operation["output"]?["shape"];

    private void ReadOperations()
    {
        foreach (var (name, declared) in Config.Operations)
        {
            if (AllOperations[name] is not JsonObject operation)
            {
                Problems.Add($"{Name}: operation '{name}' is not in {ModelFile}; check its spelling (the model's operation names are PascalCase).");
                continue;
            }

            if (declared is not ("read" or "write"))
            {
                Problems.Add($"{Name}.{name}: declared '{declared}'; declare it \"read\" or \"write\".");
                continue;
            }

            var writes = declared == "write";
            if (operation["readonly"] is JsonValue flag && flag.GetValue<bool>() == writes)
            {
                Problems.Add($"{Name}.{name}: declared {declared}, but the model marks it readonly: {flag.GetValue<bool>().ToString().ToLowerInvariant()}; declare it \"{(writes ? "read" : "write")}\".");
            }

            if (operation["endpoint"]?["hostPrefix"] is not null)
            {
                // The protocols send to the service's endpoint as configured; a per-operation host is not supported.
                Problems.Add($"{Name}.{name}: the model sends it to a host prefix, which the own protocols do not support; leave it out or add host prefixes to src/Aws/Protocol.");
            }

            Operations.Add((name, writes, operation));
        }
    }

    private void Reach()
    {
        foreach (var (_, _, operation) in Operations)
        {
            if (InputShape(operation) is { } input)
            {
                Walk(input, InputStructures);
            }

            if (OutputShape(operation) is { } output)
            {
                Walk(output, null);
            }
        }
    }

    // Follows members, list elements and map values; recursive shapes stop at the second visit.
    private void Walk(string shapeName, HashSet<string>? inputs)
    {
        var shape = Shape(shapeName);
        switch ((string)shape["type"]!)
        {
            case "structure" when !IsDocument(shape):
                var first = Structures.Add(shapeName);
                var firstAsInput = inputs?.Add(shapeName) ?? false;
                if (!first && !firstAsInput)
                {
                    return;
                }

                foreach (var (_, member) in shape["members"]!.AsObject())
                {
                    Walk((string)member!["shape"]!, inputs);
                }

                break;
            case "list":
                Walk((string)shape["member"]!["shape"]!, inputs);
                break;
            case "map":
                Walk((string)shape["value"]!["shape"]!, inputs);
                break;
        }
    }

    private void NameTypes()
    {
        var taken = new HashSet<string>(StringComparer.Ordinal)
        {
            Name, "I" + Name + "Client", Name + "Client", Name + "Operations", Name + "Paginators",
        };
        foreach (var structure in Structures)
        {
            var name = Naming.TypeName(structure, taken);
            taken.Add(name);
            _typeNames[structure] = name;
        }

        foreach (var structure in Structures)
        {
            var shape = Shape(structure);
            var required = shape["required"]?.AsArray().Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
            var used = new HashSet<string>(StringComparer.Ordinal);
            _members[structure] = shape["members"]!.AsObject()
                .Select(m => new MemberModel(
                    m.Key,
                    Naming.PropertyName(m.Key, _typeNames[structure], used),
                    m.Value!.AsObject(),
                    InputStructures.Contains(structure) && required.Contains(m.Key),
                    string.Equals((string?)shape["payload"], m.Key, StringComparison.Ordinal)))
                .ToList();
        }
    }
}
