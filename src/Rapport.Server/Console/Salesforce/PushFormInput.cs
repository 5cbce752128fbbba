namespace Rapport.Server.Console.Salesforce;

/// <summary>What the Push page posts: the user and account checkboxes, the infix, lead creation, and the button pressed.</summary>
public sealed class PushFormInput
{
    public List<PushChoiceInput> UserFields { get; set; } = [];
    public List<PushChoiceInput> AccountFields { get; set; } = [];

    /// <summary>An attribute not seen in any profile yet, pushed once it appears.</summary>
    public string? NewUserAttribute { get; set; }
    public string? NewAccountAttribute { get; set; }

    public string? Infix { get; set; }

    public bool CreateLeads { get; set; }
    public string? OwnerAttribute { get; set; }
    public string? CompanyAttribute { get; set; }

    /// <summary>One <c>owner email = Salesforce user id</c> per line (seed 002's user mapping).</summary>
    public string? UserMapping { get; set; }

    /// <summary><c>save</c> or <c>preview</c> (shows the field names without saving).</summary>
    public string? Command { get; set; }
}
