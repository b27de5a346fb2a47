using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Reconciler.Model.Loading;

/// <summary>
/// Refuses plaintext secrets anywhere in a document, known field or not: desired state lives in
/// git, and a secret committed there is leaked. Messages name the field and never echo the value.
/// </summary>
internal static partial class SecretScanner
{
    private const string Fix = "store it in Secrets Manager (or SSM Parameter Store) and give the secret's ARN instead, e.g. a DbInstance's masterPasswordSecret or an environment variable's valueFrom";
    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token", "apikey", "api_key", "privatekey", "private_key", "accesskey", "access_key"];

    // A field that holds where a secret is, not the secret: secretArn, tokenParameter, passwordSsmPath...
    private static readonly string[] ReferenceSuffixes = ["arn", "ref", "parameter", "parametername", "name", "id", "attribute", "path", "ssm", "enabled"];

    public static void Scan(SourceDocument document, DiagnosticBag bag) => Walk(document, document.Root, "", null, bag);

    /// <summary>Whether a value looks like a secret by its shape alone.</summary>
    public static bool LooksLikeSecret(string value) =>
        AccessKeyId().IsMatch(value) || PrivateKey().IsMatch(value) || SecretAccessKey().Matches(value).Any(m => IsMixed(m.Value));

    private static void Walk(SourceDocument document, YamlNode node, string path, string? key, DiagnosticBag bag)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (k, v) in mapping.Children)
                {
                    var name = (k as YamlScalarNode)?.Value ?? "";
                    Walk(document, v, path.Length == 0 ? name : $"{path}.{name}", name, bag);
                }

                break;
            case YamlSequenceNode sequence:
                var index = 0;
                foreach (var child in sequence.Children)
                {
                    Walk(document, child, $"{path}[{index++}]", key, bag);
                }

                break;
            case YamlScalarNode { Value: { } value }:
                if (LooksLikeSecret(value) || (key is not null && IsSecretName(key) && IsLiteral(value) && !IsValueFrom(path)))
                {
                    bag.Add(document.At(node), $"plaintext secret in field '{path}'; {Fix}");
                }

                break;
        }
    }

    /// <summary>Whether a field's name says it holds a secret (or where or how one is kept): password, secret, token...</summary>
    public static bool MentionsSecret(string key) =>
        SecretWords.Any(w => key.ToLowerInvariant().Contains(w, StringComparison.Ordinal));

    /// <summary>Whether a field's name says it holds a secret itself, not a reference to one.</summary>
    public static bool IsSecretName(string key)
    {
        var lower = key.ToLowerInvariant();
        return SecretWords.Any(w => lower.Contains(w, StringComparison.Ordinal))
            && !ReferenceSuffixes.Any(s => lower.EndsWith(s, StringComparison.Ordinal))
            && !NamesASecret(lower);
    }

    // masterPasswordSecret, apiKeySecret: the secret (in Secrets Manager) that holds a password or
    // key, given by name or ARN. A bare clientSecret is the secret itself.
    private static bool NamesASecret(string lower) =>
        lower.EndsWith("secret", StringComparison.Ordinal)
        && SecretWords.Any(w => w != "secret" && lower[..^"secret".Length].Contains(w, StringComparison.Ordinal));

    // Fields under a valueFrom say where a secret is kept (valueFrom.secret: a secret's name), never the secret.
    private static bool IsValueFrom(string path) => path.Contains("valueFrom.", StringComparison.Ordinal);

    /// <summary>A literal is a value typed in place, not a pointer to where the secret is kept.</summary>
    private static bool IsLiteral(string value) =>
        value.Length > 0
        && value is not ("true" or "false" or "True" or "False")
        && !VariableOnly().IsMatch(value)
        && !value.StartsWith("arn:", StringComparison.Ordinal)
        && !value.StartsWith("ssm:", StringComparison.Ordinal)
        && !value.StartsWith("{{resolve:", StringComparison.Ordinal)
        && !value.StartsWith('/');

    // A 40-character random key has upper and lower case and digits; a git SHA or a word does not.
    private static bool IsMixed(string value) =>
        value.Any(char.IsUpper) && value.Any(char.IsLower) && value.Any(char.IsDigit);

    [GeneratedRegex(@"\b(AKIA|ASIA)[A-Z0-9]{16}\b")]
    private static partial Regex AccessKeyId();

    [GeneratedRegex(@"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")]
    private static partial Regex SecretAccessKey();

    [GeneratedRegex(@"-----BEGIN ([A-Z]+ )*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"^\$\{var\.[^}]*\}$")]
    private static partial Regex VariableOnly();
}
