using System.CommandLine;
using System.Text.RegularExpressions;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Permissions;
using Reconciler.Controller.State;
using Reconciler.Model.Iam;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler iam-policy DIR [--read-only] [--out DIR2]</c>: the least-privilege IAM policy the
/// controller needs for the kinds DIR uses (<see cref="ControllerPolicy"/>), made from the
/// operations the drivers declare and split into the managed policies IAM accepts
/// (<see cref="ManagedPolicySplit"/>). Printed as one JSON array of policy documents, or written
/// as one numbered file per managed policy; sends nothing to AWS.
/// </summary>
internal static class IamPolicyCommand
{
    /// <summary>The files <c>--out</c> writes, <c>{prefix}-1.json</c> to <c>-N.json</c>.</summary>
    public const string FilePrefix = "controller-policy";

    /// <summary>The files <c>--out</c> writes with <c>--read-only</c>, so both sets can share a folder.</summary>
    public const string ReadOnlyFilePrefix = "controller-read-only-policy";

    public static Command Create(CliEnvironment environment)
    {
        var folder = CliSymbols.Folder();
        var readOnly = CliSymbols.Switch("read-only", "Only the read operations: for credentials that may validate and plan but never apply (a pull request's plan).");
        var stateTable = CliSymbols.Text("state-table", "NAME", $"The controller's DynamoDB state table the policy grants (default: {new StateTableOptions().TableName}).");
        var output = CliSymbols.Text(
            "out",
            "DIR2",
            $"Write each managed policy to its own file in DIR2 ({FilePrefix}-1.json ... -N.json; {ReadOnlyFilePrefix}-N.json with --read-only) instead of printing them, "
            + "and remove the numbered files of that name beyond N left by an earlier, larger run (no other file is touched). DIR2 may be DIR itself.");
        var command = new Command(
            "iam-policy",
            "Prints the least-privilege IAM policy the controller needs for exactly the kinds used in DIR, from the AWS operations their drivers declare: "
            + "resources narrowed to the stack's name prefix or its reconciler:stack tag, no wildcard action. "
            + $"The statements are split into as few managed policies as IAM's limit allows ({ManagedPolicySize.MaxDocumentCharacters} characters each, whitespace not counted), "
            + "a service's statements kept together where they fit; attach every part to the controller's role. "
            + "Without --out it prints them as one JSON array of policy documents (one element per managed policy, even when there is one). "
            + $"Sends nothing to AWS. Exits 0, or 1 when DIR is invalid or the policy needs more than the {ManagedPolicySize.MaxAttachedPerRole} managed policies a role takes.")
        {
            folder,
            readOnly,
            stateTable,
            output,
        };
        command.SetAction(parsed => Run(
            parsed.GetRequiredValue(folder),
            parsed.GetValue(readOnly),
            parsed.GetValue(stateTable) ?? new StateTableOptions().TableName,
            parsed.GetValue(output),
            environment.Output,
            environment.Errors));
        return command;
    }

    public static int Run(string directory, bool readOnly, string stateTable, string? outFolder, TextWriter output, TextWriter errors)
    {
        var loaded = StackLoading.Load(directory, errors);
        if (loaded is null)
        {
            return ExitCodes.Error;
        }

        IReadOnlyList<PolicyDocumentSpec> parts;
        try
        {
            parts = ControllerPolicy.Parts(loaded, DriverCatalog.Default, stateTable, readOnly);
        }
        catch (PolicyTooLargeException e)
        {
            errors.WriteLine($"error: the controller's policy for {directory} does not fit IAM: {e.Message}. Nothing was written.");
            return ExitCodes.Error;
        }

        if (outFolder is null)
        {
            output.Write(ControllerPolicy.Json(parts));
            return ExitCodes.Success;
        }

        Write(parts, outFolder, readOnly ? ReadOnlyFilePrefix : FilePrefix, output);
        return ExitCodes.Success;
    }

    /// <summary>The numbered file of part <paramref name="number"/> (1-based).</summary>
    public static string FileName(string prefix, int number) => $"{prefix}-{number}.json";

    private static void Write(IReadOnlyList<PolicyDocumentSpec> parts, string folder, string prefix, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        output.WriteLine($"{parts.Count} managed {(parts.Count == 1 ? "policy" : "policies")} (at most {ManagedPolicySize.MaxDocumentCharacters} characters each, whitespace not counted); attach each to the controller's role:");
        for (var i = 0; i < parts.Count; i++)
        {
            var name = FileName(prefix, i + 1);
            File.WriteAllText(Path.Combine(folder, name), ControllerPolicy.Json(parts[i]));
            var services = parts[i].Statements.Select(ManagedPolicySplit.ServiceOf).Distinct(StringComparer.Ordinal);
            output.WriteLine($"  {name}: {ManagedPolicySize.Of(parts[i])} characters, {parts[i].Statements.Count} statements ({string.Join(", ", services)})");
        }

        var pattern = new Regex("^" + Regex.Escape(prefix) + "-([1-9][0-9]{0,5})\\.json$", RegexOptions.CultureInvariant);
        foreach (var stale in Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .Select(f => (Name: f!, Match: pattern.Match(f!)))
            .Where(f => f.Match.Success && int.Parse(f.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > parts.Count)
            .Select(f => f.Name)
            .Order(StringComparer.Ordinal))
        {
            File.Delete(Path.Combine(folder, stale));
            output.WriteLine($"  {stale}: removed (left from an earlier run with more parts); drop its Policy document too");
        }
    }
}
