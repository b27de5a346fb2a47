using System.Text.Json.Nodes;

namespace Reconciler.Tools.AwsClientGenerator;

/// <summary>
/// One paginator of paginators-1.json that the generator can write: a single string input token
/// and a single string output token (NextToken, Marker, position styles alike), with the result
/// list when the paginator names exactly one.
/// </summary>
internal sealed record Paginator(string Request, string Response, string InputToken, string OutputToken, string? ResultKey, string? Item)
{
    public static Paginator? Create(ServiceModel service, JsonObject operation, JsonObject paginator)
    {
        if (service.InputShape(operation) is not { } input || service.OutputShape(operation) is not { } output
            || paginator["input_token"] is not JsonValue inputToken || paginator["output_token"] is not JsonValue outputToken)
        {
            return null;
        }

        var inputMember = service.Members(input).FirstOrDefault(m => m.Name == (string)inputToken!);
        var outputMember = service.Members(output).FirstOrDefault(m => m.Name == (string)outputToken!);
        if (inputMember is null || outputMember is null || service.ClrType(inputMember.Shape) != "string" || service.ClrType(outputMember.Shape) != "string")
        {
            return null;
        }

        var resultMember = paginator["result_key"] is JsonValue key ? service.Members(output).FirstOrDefault(m => m.Name == (string)key!) : null;
        var item = resultMember is null ? null : ItemType(service.ClrType(resultMember.Shape));
        return new Paginator(
            service.TypeName(input), service.TypeName(output), inputMember.Property, outputMember.Property, item is null ? null : resultMember!.Property, item);
    }

    public string Write(ServiceModel service, string operation)
    {
        var client = $"this I{service.Name}Client client, {Request} request, [EnumeratorCancellation] CancellationToken cancellationToken = default";
        var code = $$"""
                /// <summary>Every page of {{operation}}, following {{OutputToken}} until it is empty or repeats.</summary>
                public static async IAsyncEnumerable<{{Response}}> {{operation}}PagesAsync({{client}})
                {
                    while (true)
                    {
                        var page = await client.{{operation}}Async(request, cancellationToken).ConfigureAwait(false);
                        yield return page;
                        if (string.IsNullOrEmpty(page.{{OutputToken}}) || page.{{OutputToken}} == request.{{InputToken}})
                        {
                            yield break;
                        }

                        request = request with { {{InputToken}} = page.{{OutputToken}} };
                    }
                }

            """;
        if (ResultKey is null)
        {
            return code;
        }

        return code + $$"""

                /// <summary>Every item of {{operation}}'s {{ResultKey}} across all pages.</summary>
                public static async IAsyncEnumerable<{{Item}}> {{operation}}AllAsync({{client}})
                {
                    await foreach (var page in client.{{operation}}PagesAsync(request, cancellationToken).ConfigureAwait(false))
                    {
                        foreach (var item in page.{{ResultKey}} ?? [])
                        {
                            yield return item;
                        }
                    }
                }

            """;
    }

    private static string? ItemType(string listType) =>
        listType.StartsWith("IReadOnlyList<", StringComparison.Ordinal) ? listType["IReadOnlyList<".Length..^1] : null;
}
