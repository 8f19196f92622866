/** Word lists for `%radjective`, `%ranimal` and `%remoji` (ShareX ships longer ones; any list does). */

export const ADJECTIVES = [
  'able', 'agile', 'amber', 'ancient', 'azure', 'bold', 'brave', 'breezy', 'bright', 'brisk', 'calm', 'candid', 'cheerful',
  'clever', 'cosmic', 'crisp', 'curious', 'daring', 'dazzling', 'eager', 'early', 'electric', 'fancy', 'fearless', 'fluffy',
  'frosty', 'gentle', 'giant', 'glowing', 'golden', 'grand', 'happy', 'hidden', 'humble', 'icy', 'jolly', 'keen', 'kind',
  'lively', 'lucky', 'mellow', 'merry', 'mighty', 'misty', 'modest', 'noble', 'polite', 'proud', 'quick', 'quiet', 'rapid',
  'rosy', 'rustic', 'shiny', 'silent', 'silver', 'sleepy', 'smooth', 'snowy', 'sunny', 'swift', 'tidy', 'tiny', 'vivid',
  'warm', 'wild', 'wise', 'witty', 'young', 'zesty',
] as const;

export const ANIMALS = [
  'albatross', 'alpaca', 'badger', 'bat', 'bear', 'beaver', 'bison', 'camel', 'cat', 'cheetah', 'cobra', 'cougar', 'crab',
  'crane', 'crow', 'deer', 'dingo', 'dolphin', 'duck', 'eagle', 'eel', 'elk', 'falcon', 'ferret', 'finch', 'fox', 'frog',
  'gecko', 'gibbon', 'goat', 'goose', 'gorilla', 'hare', 'hawk', 'hedgehog', 'heron', 'ibis', 'iguana', 'jackal', 'jaguar',
  'koala', 'lemur', 'leopard', 'lion', 'llama', 'lynx', 'magpie', 'marmot', 'mole', 'moose', 'newt', 'ocelot', 'otter',
  'owl', 'panda', 'parrot', 'pelican', 'penguin', 'puffin', 'quail', 'rabbit', 'raven', 'seal', 'shark', 'sloth', 'swan',
  'tapir', 'tiger', 'toucan', 'turtle', 'walrus', 'weasel', 'whale', 'wolf', 'wombat', 'yak', 'zebra',
] as const;

export const EMOJI = [
  '😀', '😂', '😊', '😎', '🤔', '😴', '🥳', '🤖', '👻', '👍', '👋', '🙌', '💪', '🧠', '👀', '🐶', '🐱', '🦊', '🐻', '🐼',
  '🐸', '🐧', '🐢', '🐙', '🦄', '🌵', '🌲', '🌻', '🍀', '🍎', '🍕', '🍩', '☕', '🎈', '🎉', '🎵', '🚀', '⭐', '🔥', '🌈',
] as const;
