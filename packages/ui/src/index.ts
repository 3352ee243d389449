export { default as UiButton } from "./UiButton.vue";
export { default as UiField } from "./UiField.vue";
export { default as UiAlert } from "./UiAlert.vue";
export { default as UiSpinner } from "./UiSpinner.vue";
export { default as UiUnavailable } from "./UiUnavailable.vue";
export { default as UiErrorState } from "./UiErrorState.vue";
export * from "./i18n.ts";
export * from "./use-resource.ts";
export { default as UiDialog } from "./UiDialog.vue";
