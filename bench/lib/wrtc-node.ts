import wrtc from "@roamhq/wrtc";

/**
 * mediasoup-client looks for the WebRTC classes on the global object, as in a browser. Node has
 * none, so we lend it @roamhq/wrtc's (libwebrtc) before any Device is created. Idempotent.
 */
let installed = false;

export function installWrtcGlobals(): void {
  if (installed) return;
  installed = true;
  Object.assign(globalThis, {
    RTCPeerConnection: wrtc.RTCPeerConnection,
    RTCSessionDescription: wrtc.RTCSessionDescription,
    RTCIceCandidate: wrtc.RTCIceCandidate,
    MediaStream: wrtc.MediaStream,
    MediaStreamTrack: wrtc.MediaStreamTrack,
    RTCRtpSender: wrtc.RTCRtpSender,
    RTCRtpReceiver: wrtc.RTCRtpReceiver,
    RTCRtpTransceiver: wrtc.RTCRtpTransceiver,
    RTCDtlsTransport: wrtc.RTCDtlsTransport,
    RTCIceTransport: wrtc.RTCIceTransport,
    RTCSctpTransport: wrtc.RTCSctpTransport,
    RTCDataChannel: wrtc.RTCDataChannel,
  });
}

/** The non-standard PCM source: lets a bot "speak" without a microphone. */
export const { RTCAudioSource } = wrtc.nonstandard;
