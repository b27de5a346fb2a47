namespace Reconciler.Model.Kinds;

/// <summary>
/// A string field that documents write as the path of a file (relative to the document's own
/// file) and that holds the file's content once loaded, so drift and plans compare what AWS
/// holds (a launch template's user data) with the file, not with its name. A file that cannot
/// be read is an error at the field's line.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FileContentAttribute : Attribute;
