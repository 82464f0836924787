import { useEffect, useRef, useState } from 'preact/hooks';
import { described, Field } from '../../ui/bits';
import { PARCEL_CODE } from './types';
import { w } from './words';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type DetectorClass = new (opts: { formats: string[] }) => BarcodeDetectorLike;

const Detector = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;

interface Props {
  id: string;
  label: string;
  submitLabel: string;
  busy?: boolean;
  /** The problem with the last code, shown under the field. */
  error?: string;
  onCode: (code: string) => void;
}

/**
 * Where a parcel code comes in. USB and Bluetooth scanners type the code and press Enter, so a plain
 * field in a form is the scanner's input; the phone's camera is offered when the browser has
 * BarcodeDetector (Chrome on Android), and typing is always there as the fallback.
 */
export function ScanField({ id, label, submitLabel, busy, error, onCode }: Props) {
  const [text, setText] = useState('');
  const [local, setLocal] = useState<string>();
  const [camera, setCamera] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const take = (raw: string) => {
    const code = raw.trim().toUpperCase();
    if (!PARCEL_CODE.test(code)) {
      setLocal(w('scan.badCode'));
      return;
    }
    setLocal(undefined);
    setText('');
    onCode(code);
    // Ready for the next scan without a tap.
    input.current?.focus();
  };
  const shown = local ?? error;
  return (
    <form
      class="scan"
      onSubmit={(e) => {
        e.preventDefault();
        take(text);
      }}
      noValidate
    >
      <Field id={id} label={label} error={shown} hint={w('receive.scanHint')}>
        <div class="row scan-row">
          <input
            {...described(id, shown, w('receive.scanHint'))}
            ref={input}
            value={text}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            enterkeyhint="go"
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <button type="submit" class="btn" disabled={busy}>{submitLabel}</button>
        </div>
      </Field>
      {Detector ? (
        camera ? (
          <CameraScan onCode={(c) => { setCamera(false); take(c); }} onFail={() => { setCamera(false); setLocal(w('scan.cameraFailed')); }} onClose={() => setCamera(false)} />
        ) : (
          <button type="button" class="btn secondary block" onClick={() => setCamera(true)}>{w('scan.camera')}</button>
        )
      ) : null}
    </form>
  );
}

function CameraScan({ onCode, onFail, onClose }: { onCode: (code: string) => void; onFail: () => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer = 0;
    const detector = new Detector!({ formats: ['qr_code', 'code_128'] });
    const look = async () => {
      if (stopped || !video.current) return;
      try {
        const found = await detector.detect(video.current);
        const hit = found.find((b) => PARCEL_CODE.test(b.rawValue.trim().toUpperCase()));
        if (hit) return onCode(hit.rawValue);
      } catch {
        // A frame that is not ready yet; the next one is.
      }
      timer = window.setTimeout(look, 250);
    };
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        look();
      })
      .catch(onFail) ?? onFail();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <div class="camera">
      <video ref={video} muted playsInline aria-label={w('scan.camera')} />
      <button type="button" class="btn secondary block" onClick={onClose}>{w('scan.stop')}</button>
    </div>
  );
}
