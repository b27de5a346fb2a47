using System.CommandLine;
using Reconciler.Controller.Drivers;
using Reconciler.Controller.Permissions;
using Reconciler.Controller.State;

namespace Reconciler.Controller.Cli;

/// <summary>
/// <c>reconciler iam-policy DIR [--read-only]</c>: prints the least-privilege IAM policy the
/// controller needs for the kinds DIR uses (<see cref="ControllerPolicy"/>), made from the
/// operations the drivers declare; sends nothing to AWS.
/// </summary>
internal static class IamPolicyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var folder = CliSymbols.Folder();
        var readOnly = CliSymbols.Switch("read-only", "Only the read operations: for credentials that may validate and plan but never apply (a pull request's plan).");
        var stateTable = CliSymbols.Text("state-table", "NAME", $"The controller's DynamoDB state table the policy grants (default: {new StateTableOptions().TableName}).");
        var command = new Command(
            "iam-policy",
            "Prints the least-privilege IAM policy (JSON) the controller needs for exactly the kinds used in DIR, from the AWS operations their drivers declare: "
            + "resources narrowed to the stack's name prefix or its reconciler:stack tag, no wildcard action. Sends nothing to AWS. Exits 0, or 1 when DIR is invalid.")
        {
            folder,
            readOnly,
            stateTable,
        };
        command.SetAction(parsed => Run(
            parsed.GetRequiredValue(folder),
            parsed.GetValue(readOnly),
            parsed.GetValue(stateTable) ?? new StateTableOptions().TableName,
            environment.Output,
            environment.Errors));
        return command;
    }

    public static int Run(string directory, bool readOnly, string stateTable, TextWriter output, TextWriter errors)
    {
        var loaded = StackLoading.Load(directory, errors);
        if (loaded is null)
        {
            return ExitCodes.Error;
        }

        output.Write(ControllerPolicy.Json(ControllerPolicy.For(loaded, DriverCatalog.Default, stateTable, readOnly)));
        return ExitCodes.Success;
    }
}
