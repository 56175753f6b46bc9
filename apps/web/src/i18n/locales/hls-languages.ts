/** The HLS player's language channels on the watch page (spread into en/fr/zh as `hlsLanguages`). */
export const en = {
  audio: '{{language}} interpretation',
  failed: 'The {{language}} channel cannot be played right now: you hear the floor.',
};

export const fr: typeof en = {
  audio: 'Interprétation : {{language}}',
  failed: 'Le canal {{language}} ne peut pas être lu pour le moment : vous entendez la salle.',
};

export const zh: typeof en = {
  audio: '{{language}}口译',
  failed: '暂时无法播放{{language}}频道：您听到的是会场原声。',
};
