namespace Rapport.SalesforceEmulator.Data;

/// <summary>
/// The standard objects the emulator's org starts with. Field names, types, lengths and
/// required-ness follow the Salesforce Object Reference for each object; fields a sync rarely
/// touches (compound addresses, fiscal fields, Jigsaw) are left out.
/// </summary>
internal static class StandardSchema
{
    /// <summary>Opportunity stages with their probability, closed and won flags (the default sales process).</summary>
    public static readonly IReadOnlyList<(string Stage, int Probability, bool Closed, bool Won, string Forecast)> OpportunityStages =
    [
        ("Prospecting", 10, false, false, "Pipeline"),
        ("Qualification", 10, false, false, "Pipeline"),
        ("Needs Analysis", 20, false, false, "Pipeline"),
        ("Value Proposition", 50, false, false, "Pipeline"),
        ("Id. Decision Makers", 60, false, false, "Pipeline"),
        ("Perception Analysis", 70, false, false, "Pipeline"),
        ("Proposal/Price Quote", 75, false, false, "Pipeline"),
        ("Negotiation/Review", 90, false, false, "Pipeline"),
        ("Closed Won", 100, true, true, "Closed"),
        ("Closed Lost", 0, true, false, "Omitted"),
    ];

    private static readonly string[] LeadSources = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];
    private static readonly string[] Salutations = ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof."];
    private static readonly string[] Industries =
        ["Agriculture", "Banking", "Chemicals", "Communications", "Consulting", "Education", "Electronics", "Energy",
         "Finance", "Healthcare", "Hospitality", "Insurance", "Manufacturing", "Media", "Retail", "Technology", "Other"];

    /// <summary>Builds a fresh set of object definitions.</summary>
    public static IReadOnlyList<ObjectDefinition> Create() =>
    [
        Account(), Contact(), Lead(), Opportunity(), Event(), Task(), User(), Profile(),
        PermissionSet(), PermissionSetAssignment(), FieldPermissions(), CustomField(),
    ];

    private static ObjectDefinition Account() => new ObjectDefinition
    {
        Name = "Account", Label = "Account", LabelPlural = "Accounts", KeyPrefix = "001",
    }.WithFields(
    [
        Fields.Id(),
        Fields.ReadOnlyLookup("MasterRecordId", "Master Record ID", "MasterRecord", "Account"),
        new FieldDefinition { Name = "Name", Label = "Account Name", Type = SalesforceFieldType.String, Length = 255, Nillable = false, NameField = true },
        Fields.Picklist("Type", "Account Type", "Prospect", "Customer - Direct", "Customer - Channel", "Channel Partner / Reseller", "Installation Partner", "Technology Partner", "Other"),
        Fields.Lookup("ParentId", "Parent Account ID", "Parent", "Account"),
        Fields.TextArea("BillingStreet", "Billing Street", 255),
        Fields.Text("BillingCity", "Billing City", 40),
        Fields.Text("BillingState", "Billing State/Province", 80),
        Fields.Text("BillingPostalCode", "Billing Zip/Postal Code", 20),
        Fields.Text("BillingCountry", "Billing Country", 80),
        Fields.TextArea("ShippingStreet", "Shipping Street", 255),
        Fields.Text("ShippingCity", "Shipping City", 40),
        Fields.Text("ShippingCountry", "Shipping Country", 80),
        Fields.Phone("Phone", "Account Phone"),
        Fields.Phone("Fax", "Account Fax"),
        Fields.Text("AccountNumber", "Account Number", 40),
        Fields.Url("Website", "Website"),
        Fields.Picklist("Industry", "Industry", Industries),
        Fields.Currency("AnnualRevenue", "Annual Revenue"),
        Fields.Integer("NumberOfEmployees", "Employees"),
        Fields.Picklist("Rating", "Account Rating", "Hot", "Warm", "Cold"),
        Fields.TextArea("Description", "Account Description"),
        Fields.Owner(),
        .. Fields.System(),
        Fields.Date("LastActivityDate", "Last Activity", writable: false),
    ]);

    private static ObjectDefinition Contact() => new ObjectDefinition
    {
        Name = "Contact", Label = "Contact", LabelPlural = "Contacts", KeyPrefix = "003",
    }.WithFields(
    [
        Fields.Id(),
        Fields.ReadOnlyLookup("MasterRecordId", "Master Record ID", "MasterRecord", "Contact"),
        Fields.Lookup("AccountId", "Account ID", "Account", "Account"),
        Fields.Text("LastName", "Last Name", 80, required: true),
        Fields.Text("FirstName", "First Name", 40),
        Fields.Picklist("Salutation", "Salutation", Salutations),
        Fields.PersonName(),
        Fields.TextArea("MailingStreet", "Mailing Street", 255),
        Fields.Text("MailingCity", "Mailing City", 40),
        Fields.Text("MailingState", "Mailing State/Province", 80),
        Fields.Text("MailingPostalCode", "Mailing Zip/Postal Code", 20),
        Fields.Text("MailingCountry", "Mailing Country", 80),
        Fields.Phone("Phone", "Business Phone"),
        Fields.Phone("MobilePhone", "Mobile Phone"),
        Fields.Lookup("ReportsToId", "Reports To ID", "ReportsTo", "Contact"),
        Fields.Email(),
        Fields.Text("Title", "Title", 128),
        Fields.Text("Department", "Department", 80),
        Fields.Picklist("LeadSource", "Lead Source", LeadSources),
        Fields.Date("Birthdate", "Birthdate"),
        Fields.TextArea("Description", "Contact Description"),
        Fields.Owner(),
        Fields.Checkbox("HasOptedOutOfEmail", "Email Opt Out"),
        Fields.Checkbox("DoNotCall", "Do Not Call"),
        .. Fields.System(),
        Fields.Date("LastActivityDate", "Last Activity", writable: false),
        Fields.Text("EmailBouncedReason", "Email Bounced Reason", 255),
        Fields.DateTime("EmailBouncedDate", "Email Bounced Date"),
    ]);

    private static ObjectDefinition Lead() => new ObjectDefinition
    {
        Name = "Lead", Label = "Lead", LabelPlural = "Leads", KeyPrefix = "00Q",
    }.WithFields(
    [
        Fields.Id(),
        Fields.ReadOnlyLookup("MasterRecordId", "Master Record ID", "MasterRecord", "Lead"),
        Fields.Text("LastName", "Last Name", 80, required: true),
        Fields.Text("FirstName", "First Name", 40),
        Fields.Picklist("Salutation", "Salutation", Salutations),
        Fields.PersonName(),
        Fields.Text("Title", "Title", 128),
        Fields.Text("Company", "Company", 255, required: true),
        Fields.TextArea("Street", "Street", 255),
        Fields.Text("City", "City", 40),
        Fields.Text("State", "State/Province", 80),
        Fields.Text("PostalCode", "Zip/Postal Code", 20),
        Fields.Text("Country", "Country", 80),
        Fields.Phone("Phone", "Phone"),
        Fields.Phone("MobilePhone", "Mobile Phone"),
        Fields.Email(),
        Fields.Url("Website", "Website"),
        Fields.TextArea("Description", "Description"),
        Fields.Picklist("LeadSource", "Lead Source", LeadSources),
        Fields.DefaultedPicklist("Status", "Status", "Open - Not Contacted", "Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"),
        Fields.Picklist("Industry", "Industry", Industries),
        Fields.Picklist("Rating", "Rating", "Hot", "Warm", "Cold"),
        Fields.Currency("AnnualRevenue", "Annual Revenue"),
        Fields.Integer("NumberOfEmployees", "Employees"),
        Fields.Owner(),
        Fields.Checkbox("HasOptedOutOfEmail", "Email Opt Out"),
        // IsConverted is createable (for imports of already converted leads) but never updateable.
        Fields.Checkbox("IsConverted", "Converted", createable: true, updateable: false),
        Fields.Date("ConvertedDate", "Converted Date", writable: false),
        Fields.ReadOnlyLookup("ConvertedAccountId", "Converted Account ID", "ConvertedAccount", "Account"),
        Fields.ReadOnlyLookup("ConvertedContactId", "Converted Contact ID", "ConvertedContact", "Contact"),
        Fields.ReadOnlyLookup("ConvertedOpportunityId", "Converted Opportunity ID", "ConvertedOpportunity", "Opportunity"),
        Fields.Checkbox("IsUnreadByOwner", "Unread By Owner"),
        Fields.Checkbox("DoNotCall", "Do Not Call"),
        .. Fields.System(),
        Fields.Date("LastActivityDate", "Last Activity", writable: false),
    ]);

    private static ObjectDefinition Opportunity() => new ObjectDefinition
    {
        Name = "Opportunity", Label = "Opportunity", LabelPlural = "Opportunities", KeyPrefix = "006",
    }.WithFields(
    [
        Fields.Id(),
        Fields.Lookup("AccountId", "Account ID", "Account", "Account"),
        Fields.Checkbox("IsPrivate", "Private"),
        new FieldDefinition { Name = "Name", Label = "Name", Type = SalesforceFieldType.String, Length = 120, Nillable = false, NameField = true },
        Fields.TextArea("Description", "Description"),
        new FieldDefinition
        {
            Name = "StageName", Label = "Stage", Type = SalesforceFieldType.Picklist, Length = 255, Nillable = false,
            PicklistValues = [.. OpportunityStages.Select(s => new PicklistEntry(s.Stage, s.Stage))],
        },
        Fields.Currency("Amount", "Amount"),
        Fields.Percent("Probability", "Probability (%)"),
        new FieldDefinition { Name = "CloseDate", Label = "Close Date", Type = SalesforceFieldType.Date, Nillable = false },
        Fields.Picklist("Type", "Opportunity Type", "Existing Customer - Upgrade", "Existing Customer - Replacement", "Existing Customer - Downgrade", "New Customer"),
        Fields.Text("NextStep", "Next Step", 255),
        Fields.Picklist("LeadSource", "Lead Source", LeadSources),
        Fields.Checkbox("IsClosed", "Closed", createable: false, updateable: false),
        Fields.Checkbox("IsWon", "Won", createable: false, updateable: false),
        new FieldDefinition
        {
            Name = "ForecastCategoryName", Label = "Forecast Category", Type = SalesforceFieldType.Picklist, Length = 255,
            PicklistValues = [new("Omitted", "Omitted"), new("Pipeline", "Pipeline"), new("Best Case", "Best Case"), new("Commit", "Commit"), new("Closed", "Closed")],
        },
        Fields.Owner(),
        .. Fields.System(),
        Fields.Date("LastActivityDate", "Last Activity", writable: false),
    ]);

    private static ObjectDefinition Event() => new ObjectDefinition
    {
        Name = "Event", Label = "Event", LabelPlural = "Events", KeyPrefix = "00U",
    }.WithFields(
    [
        Fields.Id(),
        Fields.Lookup("WhoId", "Name ID", "Who", "Contact", "Lead"),
        Fields.Lookup("WhatId", "Related To ID", "What", "Account", "Opportunity"),
        Fields.Text("Subject", "Subject", 255),
        Fields.Text("Location", "Location", 255),
        Fields.Checkbox("IsAllDayEvent", "All-Day Event"),
        Fields.DateTime("ActivityDateTime", "Due Date Time"),
        Fields.Date("ActivityDate", "Due Date Only"),
        Fields.Integer("DurationInMinutes", "Duration"),
        Fields.DateTime("StartDateTime", "Start Date Time"),
        Fields.DateTime("EndDateTime", "End Date Time"),
        Fields.TextArea("Description", "Description"),
        Fields.ReadOnlyLookup("AccountId", "Account ID", "Account", "Account"),
        Fields.Owner(),
        Fields.Picklist("Type", "Type", "Call", "Email", "Meeting", "Other"),
        Fields.Checkbox("IsPrivate", "Private"),
        Fields.Picklist("ShowAs", "Show Time As", "Busy", "OutOfOffice", "Free"),
        .. Fields.System(),
    ]);

    private static ObjectDefinition Task() => new ObjectDefinition
    {
        Name = "Task", Label = "Task", LabelPlural = "Tasks", KeyPrefix = "00T",
    }.WithFields(
    [
        Fields.Id(),
        Fields.Lookup("WhoId", "Name ID", "Who", "Contact", "Lead"),
        Fields.Lookup("WhatId", "Related To ID", "What", "Account", "Opportunity"),
        Fields.Text("Subject", "Subject", 255),
        Fields.Date("ActivityDate", "Due Date Only"),
        Fields.DefaultedPicklist("Status", "Status", "Not Started", "Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"),
        Fields.DefaultedPicklist("Priority", "Priority", "Normal", "High", "Normal", "Low"),
        Fields.Checkbox("IsHighPriority", "High Priority", createable: false, updateable: false),
        Fields.Owner(),
        Fields.TextArea("Description", "Description"),
        Fields.Picklist("Type", "Type", "Call", "Email", "Meeting", "Other"),
        Fields.Checkbox("IsClosed", "Closed", createable: false, updateable: false),
        Fields.ReadOnlyLookup("AccountId", "Account ID", "Account", "Account"),
        Fields.Picklist("TaskSubtype", "Task Subtype", "Task", "Email", "ListEmail", "Cadence", "Call"),
        Fields.DateTime("CompletedDateTime", "Completed Date/Time", writable: false),
        .. Fields.System(),
    ]);

    // Users are mirrored from the directory (the config file); the API cannot create or change them here.
    private static ObjectDefinition User() => new ObjectDefinition
    {
        Name = "User", Label = "User", LabelPlural = "Users", KeyPrefix = "005", Createable = false, Updateable = false, Deletable = false,
    }.WithFields(
    [
        Fields.Id(),
        Fields.Text("Username", "Username", 80, required: true),
        Fields.Text("LastName", "Last Name", 80, required: true),
        Fields.Text("FirstName", "First Name", 40),
        Fields.PersonName(),
        Fields.Email(),
        Fields.Text("Alias", "Alias", 8, required: true),
        Fields.Checkbox("IsActive", "Active"),
        Fields.Lookup("ProfileId", "Profile ID", "Profile", "Profile"),
        Fields.Picklist("UserType", "User Type", "Standard"),
        Fields.Picklist("TimeZoneSidKey", "Time Zone", "GMT"),
        Fields.Picklist("LanguageLocaleKey", "Language", "en_US"),
        .. Fields.System(isDeleted: false),
    ]);

    private static ObjectDefinition Profile() => new ObjectDefinition
    {
        Name = "Profile", Label = "Profile", LabelPlural = "Profile", KeyPrefix = "00e", Createable = false, Updateable = false, Deletable = false,
    }.WithFields(
    [
        Fields.Id(),
        Fields.Text("Name", "Name", 255, required: true),
        Fields.Checkbox("PermissionsApiEnabled", "API Enabled"),
        Fields.Checkbox("PermissionsModifyAllData", "Modify All Data"),
        Fields.Picklist("UserType", "User Type", "Standard"),
        .. Fields.System(isDeleted: false),
    ]);

    private static ObjectDefinition PermissionSet() => new ObjectDefinition
    {
        Name = "PermissionSet", Label = "Permission Set", LabelPlural = "Permission Sets", KeyPrefix = "0PS",
    }.WithFields(
    [
        Fields.Id(),
        Fields.Text("Name", "Name", 80, required: true),
        Fields.Text("Label", "Label", 80, required: true),
        Fields.Text("Description", "Description", 255),
        Fields.Checkbox("IsOwnedByProfile", "Is Owned By Profile", createable: false, updateable: false),
        Fields.ReadOnlyLookup("ProfileId", "Profile ID", "Profile", "Profile"),
        Fields.Checkbox("PermissionsApiEnabled", "API Enabled"),
        Fields.Checkbox("PermissionsModifyAllData", "Modify All Data"),
        .. Fields.System(isDeleted: false),
    ]);

    private static ObjectDefinition PermissionSetAssignment() => new ObjectDefinition
    {
        Name = "PermissionSetAssignment", Label = "Permission Set Assignment", LabelPlural = "Permission Set Assignments", KeyPrefix = "0Pa",
    }.WithFields(
    [
        Fields.Id(),
        new FieldDefinition { Name = "AssigneeId", Label = "Assignee ID", Type = SalesforceFieldType.Reference, Length = 18, Nillable = false, ReferenceTo = ["User"], RelationshipName = "Assignee", Updateable = false },
        new FieldDefinition { Name = "PermissionSetId", Label = "Permission Set ID", Type = SalesforceFieldType.Reference, Length = 18, Nillable = false, ReferenceTo = ["PermissionSet"], RelationshipName = "PermissionSet", Updateable = false },
        .. Fields.System(isDeleted: false).Where(f => f.Name == "SystemModstamp"),
    ]);

    private static ObjectDefinition FieldPermissions() => new ObjectDefinition
    {
        Name = "FieldPermissions", Label = "Field Permissions", LabelPlural = "Field Permissions", KeyPrefix = "01k",
    }.WithFields(
    [
        Fields.Id(),
        new FieldDefinition { Name = "ParentId", Label = "Parent ID", Type = SalesforceFieldType.Reference, Length = 18, Nillable = false, ReferenceTo = ["PermissionSet"], RelationshipName = "Parent", Updateable = false },
        new FieldDefinition { Name = "SobjectType", Label = "Sobject Type Name", Type = SalesforceFieldType.Picklist, Length = 255, Nillable = false, Updateable = false },
        new FieldDefinition { Name = "Field", Label = "Field Name", Type = SalesforceFieldType.Picklist, Length = 255, Nillable = false, Updateable = false },
        Fields.Checkbox("PermissionsEdit", "Edit Field"),
        Fields.Checkbox("PermissionsRead", "Read Field"),
        .. Fields.System(isDeleted: false),
    ]);

    // Tooling API object: rows are written by the Tooling endpoint, never through the data API.
    private static ObjectDefinition CustomField() => new ObjectDefinition
    {
        Name = "CustomField", Label = "Custom Field Definition", LabelPlural = "Custom Field Definitions", KeyPrefix = "00N",
        Tooling = true, Updateable = false, Replicateable = false,
    }.WithFields(
    [
        Fields.Id(),
        Fields.Text("DeveloperName", "Field Name", 40, required: true),
        Fields.Text("TableEnumOrId", "Table Enum or ID", 40, required: true),
        Fields.Text("FullName", "Full Name", 255),
        Fields.Text("NamespacePrefix", "Namespace Prefix", 15),
        Fields.Picklist("ManageableState", "Manageable State", "unmanaged"),
        Fields.Text("Description", "Description", 1000),
        Fields.Integer("Length", "Length"),
        Fields.Text("InlineHelpText", "Help Text", 510),
        .. Fields.System(isDeleted: false),
    ]);
}
