import { ActionButton } from "@swc-react/action-button";
import { Button } from "@swc-react/button";
import type { ConnectionState } from "../hooks/useGenerator";
import type { BackendConfig, BackendKind, Secrets } from "../logic/backend-config";
import { TID } from "../testids";
import { CommandDetails } from "./CommandDetails";
import { ErrorText } from "./ErrorBanner";
import { PickerField, SwitchField, TextField } from "./fields";

const KINDS = [
  { value: "segmind", label: "Segmind cloud (your API key)" },
  { value: "gateway", label: "Your GPU (ComfyUI)" },
] as const;

/** How the gateway is started on the computer with the GPU; shown to whoever runs it. */
export const GATEWAY_COMMAND = "npx depth-restyle serve --comfy http://127.0.0.1:8188";

export interface BackendSectionProps {
  config: BackendConfig;
  secrets: Secrets;
  credits: string | null;
  connection: ConnectionState;
  onConfig: (patch: Partial<BackendConfig>) => void;
  onSecrets: (patch: Partial<Secrets>) => void;
  onForget: () => void;
  onTest: () => void;
}

function ConnectionLine(props: { connection: ConnectionState }) {
  const c = props.connection;
  if (c.state === "failed")
    return (
      <div data-testid={TID.connectionStatus} data-state={c.state}>
        <ErrorText error={c.error} />
      </div>
    );
  const text = c.state === "idle" ? "Not tested yet." : c.state === "testing" ? "Testing…" : c.summary;
  return (
    <p data-testid={TID.connectionStatus} data-state={c.state} className="hint">
      {text}
    </p>
  );
}

/** Where images are generated: Segmind with the user's key, or their own GPU through the gateway. */
export function BackendSection(p: BackendSectionProps) {
  const { config, secrets } = p;
  const hasSecret = config.kind === "segmind" ? secrets.segmindKey !== "" : secrets.gatewayToken !== "";
  return (
    <div className="section">
      <PickerField<BackendKind> id="backend" label="Generate with" testId={TID.backendPicker} value={config.kind} options={KINDS} onChange={(kind) => p.onConfig({ kind })} />
      {config.kind === "segmind" ? (
        <>
          <TextField id="segmind-key" label="Segmind API key" testId={TID.segmindKey} type="password" value={secrets.segmindKey} placeholder="From segmind.com → Console → API Keys" onChange={(segmindKey) => p.onSecrets({ segmindKey })} />
          {p.credits !== null && !(p.connection.state === "ok" && p.connection.credits === p.credits) ? (
            <p className="hint">
              Credits left now: <span data-testid={TID.credits}>{p.credits}</span>
            </p>
          ) : null}
          <details>
            <summary>Advanced</summary>
            <TextField id="segmind-base-url" label="API web address" testId={TID.segmindBaseUrl} type="url" value={config.segmindBaseUrl} onChange={(segmindBaseUrl) => p.onConfig({ segmindBaseUrl })} />
          </details>
        </>
      ) : (
        <>
          <p className="hint">Runs on a computer with a graphics card and ComfyUI. Whoever set it up can start the gateway with the command under Details; it prints the token.</p>
          <CommandDetails commands={[GATEWAY_COMMAND]} />
          <TextField id="gateway-url" label="Gateway address" testId={TID.gatewayUrl} type="url" value={config.gatewayUrl} onChange={(gatewayUrl) => p.onConfig({ gatewayUrl })} />
          <TextField id="gateway-token" label="Gateway token" testId={TID.gatewayToken} type="password" value={secrets.gatewayToken} onChange={(gatewayToken) => p.onSecrets({ gatewayToken })} />
          <SwitchField
            label="No GPU here: let the gateway use its own Segmind key"
            testId={TID.gatewayEngine}
            checked={config.gatewayEngine === "segmind"}
            onChange={(relay) => p.onConfig({ gatewayEngine: relay ? "segmind" : "comfyui" })}
          />
        </>
      )}
      <SwitchField label="Remember on this computer (stored unencrypted)" testId={TID.rememberKey} checked={config.remember} onChange={(remember) => p.onConfig({ remember })} />
      <div className="row">
        <Button size="s" variant="secondary" data-testid={TID.testConnection} disabled={p.connection.state === "testing"} onClick={p.onTest}>
          Test connection
        </Button>
        {hasSecret ? (
          <ActionButton size="s" quiet data-testid={TID.forgetKey} onClick={p.onForget}>
            Forget key and token
          </ActionButton>
        ) : null}
      </div>
      <ConnectionLine connection={p.connection} />
    </div>
  );
}
