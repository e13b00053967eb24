/**
 * What Express decides per document and user before it renders (Adobe's express-add-ons-docs:
 * references/addonsdk/app-document.md "createRenditions", guides create_renditions and
 * premium_content): Premium content the user is not entitled to fails an export rendition with
 * USER_NOT_ENTITLED_TO_PREMIUM_CONTENT; a document under review (exportAllowed() false) refuses
 * export and print and shows Express's "Request approval" dialog; a preview rendition is always
 * allowed but needs `"renditionPreview": true` under the manifest's requirements.
 */
export interface DocumentRules {
  premiumContent: boolean;
  premiumUser: boolean;
  exportAllowed: boolean;
}

export const DEFAULT_RULES: DocumentRules = { premiumContent: false, premiumUser: false, exportAllowed: true };
