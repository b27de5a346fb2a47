using System.Text.Json;

namespace Reconciler.Controller.Drivers.Acm;

/// <summary>One DNS record that proves control of a certificate's name, as the <c>validationRecords</c> output lists them.</summary>
internal sealed record ValidationRecord(string DomainName, string Name, string Type, string Value)
{
    /// <summary>camelCase JSON, as outputs are read by people and scripts.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
