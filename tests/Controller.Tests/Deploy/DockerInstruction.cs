using System.Text.Json;

namespace Reconciler.Controller.Tests.Deploy;

/// <summary>One instruction of a Dockerfile, continuation lines joined and comments dropped.</summary>
/// <param name="Keyword">The instruction, upper case: FROM, RUN, ENV, ...</param>
/// <param name="Arguments">Everything after the keyword, trimmed.</param>
/// <param name="Line">The line the instruction starts on, from 1.</param>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    /// <summary>
    /// The arguments as an exec-form array (<c>["dotnet", "app.dll"]</c>), or null in shell form.
    /// Docker reads exec form as JSON, and so does this.
    /// </summary>
    public IReadOnlyList<string>? ExecForm() => ExecFormOf(Arguments);

    /// <summary>The exec-form array in <paramref name="text"/>, or null when it is not one.</summary>
    public static IReadOnlyList<string>? ExecFormOf(string text)
    {
        if (!text.StartsWith('['))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(text);
        }
        catch (JsonException)
        {
            // Docker runs an array that is not valid JSON in shell form, as a string.
            return null;
        }
    }

    /// <summary>
    /// The variables an ENV or ARG instruction sets, with their values (null for an ARG without a
    /// default). Handles <c>NAME=value NAME2="quoted value"</c> and the legacy <c>ENV NAME value</c>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Variables()
    {
        if (Keyword is not ("ENV" or "ARG"))
        {
            return [];
        }

        var words = Words(Arguments);
        if (Keyword == "ENV" && words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            // Legacy form: ENV NAME the rest of the line.
            return [new(words[0], Arguments[words[0].Length..].Trim())];
        }

        return [.. words.Select(w => w.IndexOf('=', StringComparison.Ordinal) is var at and >= 0
            ? new KeyValuePair<string, string?>(w[..at], w[(at + 1)..])
            : new KeyValuePair<string, string?>(w, null))];
    }

    // Splits on whitespace outside double quotes, dropping the quotes.
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
