using System.Text.RegularExpressions;

namespace Reconciler.Controller.Tests.Deploy;

/// <summary>
/// What every image of this repository must be, checked on the parsed Dockerfile since no
/// Docker engine is at hand: pinned base images from Microsoft's registry, a non-root user, the
/// port the app listens on (on all interfaces) exposed and health-checked, an exec-form entry
/// point running the project's assembly, and no secret in ENV or ARG. Every rule runs; each
/// problem names the rule and the fix.
/// </summary>
internal static partial class DockerfileRules
{
    /// <summary>The uids the .NET images' APP_UID stands for: an unprivileged user (1654).</summary>
    private static readonly string[] NonRootVariables = ["$APP_UID", "${APP_UID}"];

    public static IReadOnlyList<string> Check(Dockerfile file, string assemblyName)
    {
        var problems = new List<string>();
        var final = file.Final;
        var stageNames = file.Stages.Select(s => s.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in file.Stages.Where(s => !stageNames.Contains(s.BaseImage)))
        {
            if (!stage.BaseImage.StartsWith("mcr.microsoft.com/", StringComparison.Ordinal))
            {
                problems.Add($"Base image {stage.BaseImage} is not from mcr.microsoft.com; use the .NET images there.");
            }

            if (!PinnedImage().IsMatch(stage.BaseImage))
            {
                problems.Add($"Base image {stage.BaseImage} is not pinned; give a full version tag (e.g. aspnet:10.0.12) or a @sha256 digest.");
            }
        }

        var user = final.Last("USER")?.Arguments.Split(':')[0];
        if (user is null || user is "root" or "0" || (!NonRootVariables.Contains(user) && user.StartsWith('$')))
        {
            problems.Add($"The final stage runs as {user ?? "root (no USER)"}; add USER $APP_UID (the .NET images' unprivileged user).");
        }

        var entrypoint = final.Last("ENTRYPOINT");
        var exec = entrypoint?.ExecForm();
        if (exec is not ["dotnet", var dll, ..] || dll != assemblyName + ".dll")
        {
            problems.Add($"ENTRYPOINT must be exec form starting [\"dotnet\", \"{assemblyName}.dll\"], not {entrypoint?.Arguments ?? "missing"}.");
        }

        var listen = ListenAddress(final, exec ?? []);
        var exposed = final.All("EXPOSE").SelectMany(e => e.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => p.Split('/')[0]).ToList();
        if (listen is null)
        {
            problems.Add("The app's listen address is not set in the image (--listen HOST:PORT in ENTRYPOINT, or URLS / ASPNETCORE_URLS).");
        }
        else
        {
            if (listen.Value.Host is not ("0.0.0.0" or "+" or "*" or "[::]"))
            {
                problems.Add($"The app listens on {listen.Value.Host}, which is not reachable from outside the container; listen on 0.0.0.0.");
            }

            if (!exposed.Contains(listen.Value.Port))
            {
                problems.Add($"EXPOSE {string.Join(' ', exposed)} does not include the port the app listens on, {listen.Value.Port}.");
            }
        }

        var healthcheck = final.Last("HEALTHCHECK");
        if (healthcheck is null || healthcheck.Arguments.Equals("NONE", StringComparison.OrdinalIgnoreCase) || HealthcheckCommand(healthcheck) is null)
        {
            problems.Add("The final stage has no HEALTHCHECK CMD; add one that requests the app's liveness endpoint.");
        }
        else if (listen is not null && !string.Join(' ', HealthcheckCommand(healthcheck)!).Contains($"127.0.0.1/{listen.Value.Port}", StringComparison.Ordinal))
        {
            problems.Add($"The HEALTHCHECK does not probe 127.0.0.1 on the listen port {listen.Value.Port}.");
        }

        foreach (var (name, value) in file.Instructions.SelectMany(i => i.Variables()))
        {
            if (SecretName().IsMatch(name) || (value is not null && SecretValue().IsMatch(value)))
            {
                problems.Add($"{name} looks like a secret; images carry none: give it at run time (task role, task definition secrets).");
            }
        }

        return problems;
    }

    /// <summary>The command of a HEALTHCHECK (after its options and CMD), exec form or shell form as one word; null if none.</summary>
    public static IReadOnlyList<string>? HealthcheckCommand(DockerInstruction healthcheck)
    {
        var match = HealthcheckCmd().Match(healthcheck.Arguments);
        if (!match.Success)
        {
            return null;
        }

        var command = match.Groups["command"].Value;
        return DockerInstruction.ExecFormOf(command) ?? ["/bin/sh", "-c", command];
    }

    // The address from --listen HOST:PORT in the entry point, else from URLS, ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS.
    private static (string Host, string Port)? ListenAddress(DockerStage final, IReadOnlyList<string> entrypoint)
    {
        var cmd = final.Last("CMD")?.ExecForm() ?? [];
        var args = entrypoint.Concat(cmd).ToList();
        var at = args.IndexOf("--listen");
        if (at >= 0 && at + 1 < args.Count && args[at + 1].LastIndexOf(':') is var colon and > 0)
        {
            return (args[at + 1][..colon], args[at + 1][(colon + 1)..]);
        }

        var variables = final.All("ENV").SelectMany(e => e.Variables()).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        foreach (var name in new[] { "URLS", "ASPNETCORE_URLS" })
        {
            if (variables.GetValueOrDefault(name) is { } urls && UrlAddress().Match(urls) is { Success: true } url)
            {
                return (url.Groups["host"].Value, url.Groups["port"].Value);
            }
        }

        return variables.GetValueOrDefault("ASPNETCORE_HTTP_PORTS") is { } port ? ("+", port) : null;
    }

    [GeneratedRegex(@"(:\d+\.\d+\.\d+[^:/@]*|@sha256:[0-9a-f]{64})$")]
    private static partial Regex PinnedImage();

    [GeneratedRegex(@"(SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE|ACCESS_KEY|API_KEY)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    // An AWS access key id, or a long opaque token such as a bearer token or a secret access key.
    [GeneratedRegex(@"(AKIA|ASIA)[0-9A-Z]{16}|^[A-Za-z0-9/+=]{40,}$")]
    private static partial Regex SecretValue();

    [GeneratedRegex(@"^(--[a-z-]+=\S+\s+)*CMD\s+(?<command>.+)$", RegexOptions.Singleline)]
    private static partial Regex HealthcheckCmd();

    [GeneratedRegex(@"^https?://(?<host>[^:/;]+):(?<port>\d+)")]
    private static partial Regex UrlAddress();
}
