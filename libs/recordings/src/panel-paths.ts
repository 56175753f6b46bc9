/** Every file of a panel's recording (MP4 and HLS) lives in this directory under RECORDINGS_DIR. */
export const panelDirName = (panelId: string) => `panel-${panelId}`;
/** The panel directory's HLS folder, written by the egress with WEBCAST_HLS, and its sliding live playlist. */
export const HLS_DIR = 'hls';
export const HLS_LIVE_PLAYLIST = 'live.m3u8';
